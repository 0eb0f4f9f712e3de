# runscript-escape-case
# description: JsProxy .constructor.constructor chain
# expect-status: success | error
import js
js.Object.constructor.constructor('return typeof this.process')()
