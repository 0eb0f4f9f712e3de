// Image build steps for the fast boot (issue 17), kept apart from build.mjs's other steps.
//
// Everything here moves work that does not depend on the run from every boot to the image build:
// - the glue gets hooks (all inert unless the prelude sets them on the Emscripten Module):
//   `rsMark` (boot profile), `rsRestoreMemory` (the host restores the snapshot into the wasm memory),
//   `rsReplayLink` / `rsPlaceTrampoline` (replay the recorded function-table layout instead of
//   recomputing it), `rsRecordLink` / `rsLinked` (record that layout, image build only);
// - pyodide.asm.wasm imports its memory as a shared memory, so the sandbox process can hand a
//   pre-faulted memory to each new isolate (see packages/sandbox/src/wasm-memory-pool.ts);
// - the function table is laid out by the module itself (an element segment per run of slots), and
//   the slots that hold JavaScript functions are filled by one small generated module.
import { name, only, readSections, readU32, SECTION, u32, writeSections } from "./wasm-sections.mjs";

function replaceOnce(source, pattern, replacement, what) {
  const matches = source.split(pattern).length - 1;
  if (matches !== 1)
    throw new Error(`sandbox image build (fast boot): expected 1 match for ${what}, found ${matches}`);
  return source.replace(pattern, () => replacement);
}

/** Glue patches; each hook is called only when the prelude installed it. */
export function patchGlueForFastBoot(glue) {
  // Pyodide's trampoline helper module imports the main memory; it must declare it shared too.
  // Import section: env.memory {flags 0, min 1} becomes {flags 3 (max, shared), min 1, max 65536}.
  glue = replaceOnce(
    glue,
    "02310203656e76066d656d6f7279020001",
    "02340203656e76066d656d6f7279020301808004",
    "trampoline module memory import",
  );
  glue = replaceOnce(
    glue,
    "function receiveInstance(instance,module){",
    'function receiveInstance(instance,module){Module["rsMark"]?.("wasm instantiate");',
    "receiveInstance start",
  );
  glue = replaceOnce(
    glue,
    "assignWasmExports(wasmExports);updateGOT(origExports);LDSO.init();loadDylibs();updateMemoryViews();return wasmExports}",
    'assignWasmExports(wasmExports);Module["rsMark"]?.("export wrapping");if(Module["rsReplayLink"]){Module["rsReplayLink"]({GOT,wasmImports,wasmTable})}else{updateGOT(origExports)}LDSO.init();loadDylibs();Module["rsLinked"]?.(GOT);updateMemoryViews();Module["rsMark"]?.("dynamic linking");return wasmExports}',
    "receiveInstance end",
  );
  glue = replaceOnce(
    glue,
    "entry.value=addFunction(value,value.sig)",
    'entry.value=addFunction(value,value.sig);Module["rsRecordLink"]?.(symName,entry.value,value.sig)',
    "reportUndefinedSymbols addFunction",
  );
  glue = replaceOnce(
    glue,
    "return addFunction(trampolineInstance.exports.trampoline_call)",
    'if(Module["rsPlaceTrampoline"]){return Module["rsPlaceTrampoline"](wasmTable,trampolineInstance.exports.trampoline_call)}var rsSlot=addFunction(trampolineInstance.exports.trampoline_call);Module["rsRecordLink"]?.("",rsSlot,"");return rsSlot',
    "trampoline addFunction",
  );
  // Same results, less work, for the ~8,560 exports (measured: Object.entries + two closures per
  // symbol, and Object.assign of every export, were ~20% of a boot): a plain loop, and a copy that
  // inherits the exports instead of copying them (every later read of wasmExports is by name).
  glue = replaceOnce(
    glue,
    'var mergeLibSymbols=(exports,libName)=>{for(var[sym,exp]of Object.entries(exports)){const setImport=target=>{if(!isSymbolDefined(target)){wasmImports[target]=exp}};setImport(sym);const main_alias="__main_argc_argv";if(sym=="main"){setImport(main_alias)}if(sym==main_alias){setImport("main")}}};',
    'var mergeLibSymbols=(exports,libName)=>{const main_alias="__main_argc_argv";for(var sym of Object.keys(exports)){var exp=exports[sym];if(!isSymbolDefined(sym)){wasmImports[sym]=exp}if(sym=="main"&&!isSymbolDefined(main_alias)){wasmImports[main_alias]=exp}if(sym==main_alias&&!isSymbolDefined("main")){wasmImports["main"]=exp}}};',
    "mergeLibSymbols",
  );
  glue = replaceOnce(
    glue,
    "function applySignatureConversions(wasmExports){wasmExports=Object.assign({},wasmExports);",
    "function applySignatureConversions(wasmExports){wasmExports=Object.create(wasmExports);",
    "applySignatureConversions copy",
  );
  glue = replaceOnce(
    glue,
    "function doRun(){",
    'function doRun(){Module["rsMark"]?.("preRun (file system, stdlib)");',
    "doRun",
  );
  glue = replaceOnce(
    glue,
    "initRuntime();preMain();",
    'initRuntime();Module["rsMark"]?.("C constructors");preMain();',
    "initRuntime",
  );
  glue = replaceOnce(
    glue,
    "return Module.HEAP8.set(t),l}",
    'return Module["rsRestoreMemory"]?Module["rsRestoreMemory"]():Module.HEAP8.set(t),l}',
    "restoreSnapshot copy",
  );
  return glue;
}

/** Loader patch: profile marks around Pyodide's snapshot restore and bootstrap. */
export function patchLoaderForFastBoot(loader) {
  return replaceOnce(
    loader,
    "return t&&(s=i.restoreSnapshot(t)),i.finalizeBootstrap(s,n._snapshotDeserializer)",
    'return e.rsMark?.("Module ready"),t&&(s=i.restoreSnapshot(t)),e.rsMark?.("snapshot restore"),s=i.finalizeBootstrap(s,n._snapshotDeserializer),e.rsMark?.("finalizeBootstrap"),s',
    "loader bootstrapPyodide",
  );
}

/**
 * The module's own memory becomes an import (`env.memory`), shared, with the same limits. Only the
 * memory index space changes (it has one memory either way), so no instruction is touched.
 */
export function importSharedMemory(wasm) {
  const sections = readSections(wasm);
  const memory = only(sections, SECTION.memory);
  let [count, offset] = readU32(memory.body, 0);
  if (count !== 1) throw new Error(`fast boot: expected one memory, found ${count}`);
  const flags = memory.body[offset++];
  if (flags !== 1)
    throw new Error(`fast boot: expected a memory with a maximum (flags 1), found flags ${flags}`);
  const [min, afterMin] = readU32(memory.body, offset);
  const [max] = readU32(memory.body, afterMin);
  const imports = only(sections, SECTION.import);
  const [importCount, first] = readU32(imports.body, 0);
  imports.body = Buffer.concat([
    Buffer.from(u32(importCount + 1)),
    Buffer.from(imports.body.subarray(first)),
    Buffer.from([...name("env"), ...name("memory"), 0x02, 0x03, ...u32(min), ...u32(max)]),
  ]);
  return { wasm: writeSections(sections.filter((s) => s !== memory)), minPages: min, maxPages: max };
}

/** Current minimum size of table 0 (the function table). */
export function tableMinimum(wasm) {
  const table = only(readSections(wasm), SECTION.table);
  let [, offset] = readU32(table.body, 0);
  offset++; // reftype
  const flags = table.body[offset++];
  if (flags !== 0)
    throw new Error(`fast boot: expected a function table without maximum, found flags ${flags}`);
  return readU32(table.body, offset)[0];
}

/**
 * Lays the recorded table out in the module: table 0 starts at its final length and one active
 * element segment per run of consecutive `wasmSlots` ([table index, function index] pairs) puts
 * those functions in place.
 */
export function prefillTable(wasm, { tableLength, wasmSlots }) {
  const sections = readSections(wasm);
  const table = only(sections, SECTION.table);
  let [tables, offset] = readU32(table.body, 0);
  const head = table.body.subarray(0, offset);
  const reftype = table.body[offset++];
  const flags = table.body[offset++];
  if (reftype !== 0x70 || flags !== 0) throw new Error("fast boot: unexpected function table type");
  const [oldMin, afterMin] = readU32(table.body, offset);
  if (tableLength < oldMin) throw new Error("fast boot: recorded table is smaller than the module's");
  table.body = Buffer.concat([
    Buffer.from(head),
    Buffer.from([reftype, flags, ...u32(tableLength)]),
    Buffer.from(table.body.subarray(afterMin)),
  ]);
  if (tables < 1) throw new Error("fast boot: no table");

  const elem = only(sections, SECTION.elem);
  const [segments, firstSegment] = readU32(elem.body, 0);
  const runs = [];
  for (const [index, func] of [...wasmSlots].sort((a, b) => a[0] - b[0])) {
    const last = runs.at(-1);
    if (last && last.start + last.funcs.length === index) last.funcs.push(func);
    else runs.push({ start: index, funcs: [func] });
  }
  const added = runs.map(({ start, funcs }) =>
    Buffer.from([0x00, 0x41, ...sleb(start), 0x0b, ...u32(funcs.length), ...funcs.flatMap((f) => u32(f))]),
  );
  elem.body = Buffer.concat([
    Buffer.from(u32(segments + runs.length)),
    Buffer.from(elem.body.subarray(firstSegment)),
    ...added,
  ]);
  return writeSections(sections);
}

function sleb(value) {
  const out = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const VALUE_TYPES = { i: 0x7f, p: 0x7f, j: 0x7e, f: 0x7d, d: 0x7c, e: 0x6f };

/**
 * A module that imports the function table and one JavaScript function per recorded JS slot
 * (`f.<n>`, typed by its Emscripten signature) and puts each into its slot with an active element
 * segment: one instantiation replaces Emscripten's one-tiny-module-per-function `addFunction`.
 */
export function jsSlotModule(jsSlots) {
  const sigs = [...new Set(jsSlots.map((s) => s.sig))];
  const typeOf = (sig) => {
    const params = [...sig.slice(1)].map((c) => VALUE_TYPES[c]);
    const results = sig[0] === "v" ? [] : [VALUE_TYPES[sig[0]]];
    if (params.includes(undefined) || results.includes(undefined))
      throw new Error(`fast boot: unknown signature ${sig}`);
    return [0x60, ...u32(params.length), ...params, ...u32(results.length), ...results];
  };
  const section = (id, items) => {
    const body = Buffer.from([...u32(items.length), ...items.flat()]);
    return Buffer.from([id, ...u32(body.length), ...body]);
  };
  const imports = [
    [...name("e"), ...name("t"), 0x01, 0x70, 0x00, ...u32(0)],
    ...jsSlots.map((slot, i) => [...name("f"), ...name(String(i)), 0x00, ...u32(sigs.indexOf(slot.sig))]),
  ];
  const elems = jsSlots.map((slot, i) => [0x00, 0x41, ...sleb(slot.index), 0x0b, ...u32(1), ...u32(i)]);
  return Buffer.concat([
    Buffer.from("0061736d01000000", "hex"),
    section(SECTION.type, sigs.map(typeOf)),
    section(SECTION.import, imports),
    section(SECTION.elem, elems),
  ]);
}
