# runscript-escape-case
# description: Proxy traps on objects handed to the host
# expect-status: success | error
import js
js.eval("new Proxy({}, { get(t, k) { return () => typeof process } })")
