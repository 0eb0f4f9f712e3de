# runscript-escape-case
# description: an endless microtask chain is stopped
# expect-status: timeout | success | error | memory_limit
import js
js.eval("(function f() { Promise.resolve().then(f) })(); 'started'")
import time
time.sleep(0.5)
