# runscript-escape-case
# description: Symbol.species tricks on arrays/promises
# expect-status: success | error
import js
js.eval("class P extends Promise { static get [Symbol.species]() { return function(r) { r(() => {}, () => {}); }; } }; P.resolve(1).then(x => x); typeof process")
