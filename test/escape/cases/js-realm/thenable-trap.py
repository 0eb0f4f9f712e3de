# runscript-escape-case
# description: a thenable returned across the boundary
# expect-status: success | error
import js
await js.eval("({ then(resolve) { resolve(typeof process) } })")
