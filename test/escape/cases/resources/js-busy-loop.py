# runscript-escape-case
# description: a JavaScript busy loop through js
# expect-status: timeout
import js
js.eval('while (true) {}')
