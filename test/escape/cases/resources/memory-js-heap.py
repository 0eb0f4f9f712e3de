# runscript-escape-case
# description: JavaScript heap bomb through js
# expect-status: memory_limit
import js
js.eval('const a = []; while (true) a.push(new Array(1e6).fill(1.5))')
