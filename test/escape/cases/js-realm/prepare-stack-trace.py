# runscript-escape-case
# description: Error.prepareStackTrace cannot reach host frames
# expect-status: success | error
import js
js.eval("Error.prepareStackTrace = (e, frames) => frames.map(f => { try { return typeof f.getThis() } catch (x) { return 'x' } }).join(','); new Error('x').stack")
