# runscript-escape-case
# description: a script compiling a wasm module gets no host imports
# expect-status: success | error
import js
m = js.WebAssembly.Module.new(js.Uint8Array.new([0, 97, 115, 109, 1, 0, 0, 0]))
[len(js.WebAssembly.Module.imports(m)), len(js.WebAssembly.Module.exports(m))]
