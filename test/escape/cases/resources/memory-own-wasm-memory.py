# runscript-escape-case
# description: a script creating its own WebAssembly memory
# expect-status: memory_limit | error
import js
m = js.WebAssembly.Memory.new(js.eval('({initial: 30000})'))
