// runscript-escape-case
// description: WebAssembly in JavaScript scripts
// expect-status: success | error
// expect-result: 0
const m = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
return WebAssembly.Module.imports(m).length;
