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
    'function receiveInstance(instance,module){wasmExports=instance.exports;var origExports=wasmExports;mergeLibSymbols(wasmExports,"main");',
    'function receiveInstance(instance,module){Module["rsMark"]?.("wasm instantiate");Module["rsInstance"]?.(instance);wasmExports=instance.exports;var origExports=wasmExports;mergeLibSymbols(wasmExports,"main");if(Module["rsLazyExports"]){wasmExports=Module["rsLazyExports"](wasmExports,wasmImports)}',
    "receiveInstance start",
  );
  glue = lazyAssignWasmExports(glue);
  // dlsym lists the symbol table's keys to find a symbol: reading it first makes a lazily resolved
  // symbol an own key, as the glue's mergeLibSymbols made every export.
  glue = replaceOnce(
    glue,
    "newSymIndex=Object.keys(lib.exports).indexOf(symbol);",
    "lib.exports[symbol];newSymIndex=Object.keys(lib.exports).indexOf(symbol);",
    "dlsym symbol lookup",
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

/** The glue's `assignWasmExports` statements: `_X=Module["_X"]=wasmExports["X"]` (`.value>>>0` for globals). */
const ASSIGN_EXPORT = /^(\w+)=Module\["(\w+)"\]=wasmExports\["(\w+)"\](\.value>>>0)?$/;

function assignWasmExportsBody(glue) {
  const head = "function assignWasmExports(wasmExports){";
  const start = glue.indexOf(head);
  if (start < 0 || glue.indexOf(head, start + 1) >= 0)
    throw new Error("sandbox image build (fast boot): expected one assignWasmExports");
  const end = glue.indexOf("}", start);
  return { head, start, end, statements: glue.slice(start + head.length, end).split(";") };
}

/**
 * Lazy exports (see runtime/link-hooks.js): when the prelude installed `rsAssignExports`,
 * assignWasmExports assigns only the glue variables the glue's code uses (plus the memory and the
 * table) and leaves every `Module._X` to the hook. Without it (the image build) it is unchanged.
 */
function lazyAssignWasmExports(glue) {
  const { head, start, end, statements } = assignWasmExportsBody(glue);
  const rest = glue.slice(0, start) + glue.slice(end);
  const uses = new Map();
  for (const [token] of rest.matchAll(/[A-Za-z_$][\w$]*/g)) uses.set(token, (uses.get(token) ?? 0) + 1);
  const eager = statements.filter((statement) => {
    const match = ASSIGN_EXPORT.exec(statement);
    if (!match) return true; // memory, table: assigned as before
    // Each variable is declared once (`var _a,_b,...`); more uses mean the glue's code reads it.
    return (uses.get(match[1]) ?? 0) > 1;
  });
  if (statements.length - eager.length < 4000)
    throw new Error("sandbox image build (fast boot): assignWasmExports no longer looks as expected");
  return `${glue.slice(0, start)}${head}if(Module["rsAssignExports"]){${eager.join(";")};Module["rsAssignExports"](Module,wasmExports);return}${glue.slice(start + head.length)}`;
}

/**
 * What Pyodide's (unpatched) glue puts on Module: Map(Module key without its leading `_` ->
 * { exportName, value }) where `value` says the glue assigns the global's value, not the export.
 */
function moduleExports(glue) {
  const out = new Map();
  for (const statement of assignWasmExportsBody(glue).statements) {
    const match = ASSIGN_EXPORT.exec(statement);
    if (!match) continue;
    if (!match[2].startsWith("_")) throw new Error(`fast boot: unexpected Module key ${match[2]}`);
    out.set(match[2].slice(1), { exportName: match[3], value: match[4] !== undefined });
  }
  return out;
}

/** Exports the glue's applySignatureConversions wraps. */
function signatureConverted(glue) {
  return new Set([...glue.matchAll(/wasmExports\["(\w+)"\]=makeWrapper_\w+\(/g)].map((m) => m[1]));
}

const EXPORT_KIND = { function: 0, table: 1, memory: 2, global: 3, tag: 4 };

/** The export section: `[{ name, kind, index }]` in file order (kind as in EXPORT_KIND). */
export function readExports(wasm) {
  const body = only(readSections(wasm), SECTION.export).body;
  let [count, offset] = readU32(body, 0);
  const out = [];
  for (let i = 0; i < count; i++) {
    const [length, at] = readU32(body, offset);
    const exportName = Buffer.from(body.subarray(at, at + length)).toString("utf8");
    const kind = body[at + length];
    const [index, next] = readU32(body, at + length + 1);
    out.push({ name: exportName, kind, index, bytes: body.subarray(offset, next) });
    offset = next;
  }
  return out;
}

/** Number of imported globals (they come first in the global index space). */
function importedGlobals(wasm) {
  const body = only(readSections(wasm), SECTION.import).body;
  let [count, offset] = readU32(body, 0);
  let globals = 0;
  const limits = () => {
    const flags = body[offset++];
    [, offset] = readU32(body, offset);
    if (flags & 1) [, offset] = readU32(body, offset);
  };
  for (let i = 0; i < count; i++) {
    for (let part = 0; part < 2; part++) {
      const [length, at] = readU32(body, offset);
      offset = at + length;
    }
    const kind = body[offset++];
    if (kind === EXPORT_KIND.function) [, offset] = readU32(body, offset);
    else if (kind === EXPORT_KIND.table) {
      offset++;
      limits();
    } else if (kind === EXPORT_KIND.memory) limits();
    else if (kind === EXPORT_KIND.global) {
      globals++;
      offset += 2;
    } else if (kind === EXPORT_KIND.tag) [, offset] = readU32(body, offset + 1);
    else throw new Error(`fast boot: unknown import kind ${kind}`);
  }
  return globals;
}

/** Immutable i32 globals defined by the module with a constant value: Map(global index -> value). */
function constantGlobals(wasm) {
  const body = only(readSections(wasm), SECTION.global).body;
  const first = importedGlobals(wasm);
  let [count, offset] = readU32(body, 0);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const type = body[offset++];
    const mutable = body[offset++];
    const start = offset;
    while (body[offset] !== 0x0b) offset++;
    const init = body.subarray(start, offset++);
    if (type === 0x7f && mutable === 0 && init[0] === 0x41) {
      const [value, end] = readS32(init, 1);
      if (end === init.length) out.set(first + i, value);
    }
  }
  return out;
}

function readS32(bytes, offset) {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[offset++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (shift < 32 && byte & 0x40) result |= -1 << shift;
  return [result, offset];
}

/** The module with only the exports whose names are in `keep`. */
export function keepExports(wasm, keep) {
  const sections = readSections(wasm);
  const section = only(sections, SECTION.export);
  const kept = readExports(wasm).filter((e) => keep.has(e.name));
  section.body = Buffer.concat([Buffer.from(u32(kept.length)), ...kept.map((e) => Buffer.from(e.bytes))]);
  return writeSections(sections);
}

/**
 * Lazy exports' entries are `value * EXPORT_FLAGS + flags`: value is a table slot (functions), the
 * global's value (GLOBAL) or nothing (KEPT: still an export of the module); see runtime/link-hooks.js.
 */
const EXPORT_FLAGS = 16;
const ON_MODULE = 1;
const EXPORTED = 2;
const GLOBAL = 4;
const KEPT = 8;

/**
 * Lazy exports, from the layout the standard boot recorded: which exports leave the module (every
 * function with a table slot, every constant global), the table slots Emscripten's start filled with
 * exported functions (`wasmSlots`, laid out by the module's element segments), every name a sandbox
 * resolves by name (`entries`: [name, encoded value], sorted by name) and, for the build's check,
 * the wasm function index each function entry must resolve to (`functionIndex`).
 * @param pyodideGlue Pyodide's glue as shipped (its assignWasmExports says what goes on Module)
 * @param firstAdded the module's own table size: slots from here on were added by Emscripten's start
 */
export function lazyExportPlan(wasm, pyodideGlue, { tableExports }, firstAdded) {
  const all = readExports(wasm);
  const funcIndex = new Map(all.filter((e) => e.kind === EXPORT_KIND.function).map((e) => [e.name, e.index]));
  const slotOfFunc = new Map();
  const wasmSlots = [];
  for (const [slot, exportName] of tableExports) {
    const index = funcIndex.get(exportName);
    if (index === undefined) throw new Error(`fast boot: recorded table slot ${slot} holds no export`);
    if (!slotOfFunc.has(index)) slotOfFunc.set(index, slot);
    if (slot >= firstAdded) wasmSlots.push([slot, index]);
  }
  const constants = constantGlobals(wasm);
  const entries = new Map();
  const functionIndex = new Map();
  const keep = new Set();
  for (const e of all) {
    const slot = e.kind === EXPORT_KIND.function ? slotOfFunc.get(e.index) : undefined;
    const value = e.kind === EXPORT_KIND.global ? constants.get(e.index) : undefined;
    if (slot !== undefined) {
      entries.set(e.name, slot * EXPORT_FLAGS + EXPORTED);
      functionIndex.set(e.name, e.index);
    } else if (value !== undefined && value >= 0 && value * EXPORT_FLAGS < 2 ** 31) {
      entries.set(e.name, value * EXPORT_FLAGS + GLOBAL + EXPORTED);
    } else {
      entries.set(e.name, KEPT + EXPORTED);
      keep.add(e.name);
    }
  }
  // mergeLibSymbols also gives `main` and `__main_argc_argv` each other's export (symbol table only).
  for (const [from, to] of [
    ["main", "__main_argc_argv"],
    ["__main_argc_argv", "main"],
  ]) {
    const entry = entries.get(from);
    if (entry !== undefined && !entries.has(to) && !(entry & (GLOBAL | KEPT))) {
      entries.set(to, entry - (entry % EXPORT_FLAGS));
      functionIndex.set(to, functionIndex.get(from));
    }
  }
  // Module keys: `_` + the entry's name, holding that entry's value (asmjsMangle: `_main` holds
  // __main_argc_argv, which is its alias entry `main`).
  const converted = signatureConverted(pyodideGlue);
  for (const [key, { exportName, value }] of moduleExports(pyodideGlue)) {
    const entry = entries.get(key);
    const same =
      key === exportName || (entry !== undefined && functionIndex.get(key) === functionIndex.get(exportName));
    if (entry === undefined || !same || (key !== exportName && converted.has(exportName)))
      throw new Error(`fast boot: Module._${key} (export ${exportName}) cannot be resolved by name`);
    if (value !== Boolean(entry & GLOBAL))
      throw new Error(`fast boot: Module._${key} is ${value ? "" : "not "}a global's value`);
    entries.set(key, entry | ON_MODULE);
  }
  return {
    keep,
    wasmSlots,
    entries: [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    functionIndex,
  };
}

/**
 * `lazy-exports.bin`: u32 count, then count u32 name ends, count i32 entries, then the names (ASCII,
 * sorted, concatenated; name i is [end(i-1), end(i))). Read by packages/sandbox (shared-image).
 */
export function lazyExportsFile(entries) {
  const names = entries.map(([name]) => name).join("");
  if (!/^[\x21-\x7e]*$/.test(names)) throw new Error("fast boot: an export name is not printable ASCII");
  const head = new DataView(new ArrayBuffer(4 + entries.length * 8));
  head.setUint32(0, entries.length, true);
  let end = 0;
  entries.forEach(([name, value], i) => {
    end += name.length;
    head.setUint32(4 + i * 4, end, true);
    head.setInt32(4 + (entries.length + i) * 4, value, true);
  });
  return Buffer.concat([Buffer.from(head.buffer), Buffer.from(names, "latin1")]);
}
