# runscript-escape-case
# description: freezing globalThis does not break the next run
# expect-status: success | error
import js
js.eval("Object.freeze(globalThis); Object.freeze(Object.prototype); 'frozen'")
