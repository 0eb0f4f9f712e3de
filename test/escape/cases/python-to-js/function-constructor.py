# runscript-escape-case
# description: Function constructor reaches only the isolate global
# expect-status: success
# expect-result: "undefined,undefined,undefined"
import js
js.Function.new('return typeof process + "," + typeof require + "," + typeof globalThis.fetch')()
