// runscript link hooks: how a sandbox links Pyodide's wasm module without redoing, at every boot, work
// whose result is fixed by the image (issue 17). Runs inside the sandbox isolate as part of the
// prelude: the image build (sandbox-images/build.mjs) puts this function expression in place of
// `__RUNSCRIPT_LINK_HOOKS__` in prelude.js.
//
// Two modes, chosen by the prelude:
// - image build (`record`): Emscripten's standard start runs; what it laid out (the JavaScript
//   functions it put in the function table, the trampoline's slot, the GOT, which table slot holds
//   each exported function) is recorded, and the build lays it out in the module itself;
// - sandbox boot (`replay`): the module already holds the table (element segments), one small module
//   fills the table's JavaScript slots, and the module's exports are resolved lazily (below).
//
// Lazy exports. Pyodide's module exported 7,415 functions and 1,141 globals (for side modules' dynamic
// linking); V8 builds a JavaScript function object per exported function at instantiation, and the
// glue then copied every export into its symbol table (`wasmImports`) and onto `Module` (`_X`).
// That was ~40% of a boot. The image build removes the exports that have a fixed table slot (every
// exported function Emscripten's start put in the table) or a fixed value (every immutable global),
// and records them in the link plan (`exports`). Here they are resolved on first use instead:
// `wasmTable.get(slot)` gives the very function the export was (same object, same name), a constant
// global becomes an equal immutable `WebAssembly.Global`. Every place the glue reads exports by name
// sees the same values as before:
// - the glue's own variables (`_malloc`, ...) that its code uses are assigned at boot as before;
// - `Module._X` (Pyodide's API, `pyodide._module`) resolves through a proxy on Module's prototype,
//   for exactly the names the glue's `assignWasmExports` assigned;
// - `wasmImports[X]` (dlsym, side modules) resolves through a proxy on its prototype; `dlsym` reads
//   the symbol before listing the keys (patched glue), so a resolved symbol is an own key as before;
// - `wasmExports[X]` (the glue's signature conversions, C constructors, JSPI) resolves the same way.
// A resolved value is cached: the same name always gives the same object.
(function runscriptLinkHooks() {
  /** Lazy export entries are `value * FLAGS + flags` (sandbox-images/fast-boot.mjs writes them). */
  const FLAGS = 16;
  /** `Module["_" + name]` was assigned by the glue's assignWasmExports. */
  const ON_MODULE = 1;
  /** `name` is an export of the module (else: a `wasmImports` alias only, e.g. main). */
  const EXPORTED = 2;
  /** The value is a constant global's (else: the table slot of a function). */
  const GLOBAL = 4;
  /** Still an export of the module (a tag, a mutable global, a function without a table slot). */
  const KEPT = 8;

  /**
   * The lazily resolved names of lazy-exports.bin: `names` (sorted, concatenated), `table` its
   * numbers (u32 count, count u32 name ends, count i32 entries). Binary search, nothing built per boot.
   */
  function exportIndex(names, table) {
    const words = new Int32Array(table);
    const count = words[0];
    if (words.length !== 1 + 2 * count || words[count] !== names.length)
      throw new Error("runscript sandbox: lazy exports do not match their names");
    const end = (i) => words[1 + i];
    const start = (i) => (i === 0 ? 0 : words[i]);
    function compare(i, key) {
      const from = start(i);
      const length = end(i) - from;
      const n = Math.min(length, key.length);
      for (let k = 0; k < n; k++) {
        const d = names.charCodeAt(from + k) - key.charCodeAt(k);
        if (d !== 0) return d;
      }
      return length - key.length;
    }
    return {
      count,
      name: (i) => names.slice(start(i), end(i)),
      /** The entry for `key`, or -1. */
      entry(key) {
        if (typeof key !== "string") return -1;
        let lo = 0;
        let hi = count - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const c = compare(mid, key);
          if (c === 0) return words[1 + count + mid];
          if (c < 0) lo = mid + 1;
          else hi = mid - 1;
        }
        return -1;
      },
      entryAt: (i) => words[1 + count + i],
    };
  }

  /**
   * Sandbox boot: installs the hooks the patched glue calls. `plan` is the parsed link-plan.json,
   * `jsSlotModule` the compiled module that fills the table's JavaScript slots, `exports` the lazily
   * resolved names (`{ names, table }`, lazy-exports.bin).
   */
  function replay(settings, plan, jsSlotModule, exports) {
    settings.rsReplayLink = ({ GOT, wasmImports, wasmTable }) => {
      for (const [symbol, index] of plan.got) GOT[symbol].value = index;
      const functions = {};
      plan.jsSlots.forEach((slot, i) => {
        const fn = wasmImports[slot.symbol];
        if (typeof fn !== "function") throw new Error(`runscript sandbox: no function ${slot.symbol}`);
        functions[i] = fn;
      });
      new WebAssembly.Instance(jsSlotModule, { e: { t: wasmTable }, f: functions });
      if (wasmTable.length !== plan.tableLength) throw new Error("runscript sandbox: table layout mismatch");
    };
    settings.rsPlaceTrampoline = (wasmTable, fn) => {
      wasmTable.set(plan.trampoline, fn);
      return plan.trampoline;
    };
    const index = exportIndex(exports.names, exports.table);
    let lazy = null;
    settings.rsLazyExports = (instanceExports, wasmImports) => {
      lazy = lazyExports(index, instanceExports, wasmImports);
      return lazy.exports;
    };
    settings.rsAssignExports = (Module, converted) => lazy.onModule(Module, converted);
  }

  function lazyExports(index, instanceExports, wasmImports) {
    const hasOwn = Object.hasOwn;
    const table = instanceExports.__indirect_function_table;
    const resolved = new Map();
    const flagsOf = (name) => {
      const entry = index.entry(name);
      return entry < 0 ? 0 : entry % FLAGS;
    };
    function resolve(name) {
      let value = resolved.get(name);
      if (value === undefined) {
        const entry = index.entry(name);
        const flags = entry % FLAGS;
        const number = Math.floor(entry / FLAGS);
        value =
          flags & KEPT
            ? instanceExports[name]
            : flags & GLOBAL
              ? new WebAssembly.Global({ value: "i32", mutable: false }, number)
              : table.get(number);
        resolved.set(name, value);
      }
      return value;
    }
    // wasmImports: lazy names sit behind it, on its prototype; a read defines the own property the
    // glue's mergeLibSymbols would have defined (so Object.keys lists it from then on).
    const importsFallback = Object.create(Object.getPrototypeOf(wasmImports));
    Object.setPrototypeOf(
      wasmImports,
      new Proxy(importsFallback, {
        get(target, key, receiver) {
          if (flagsOf(key) === 0) return Reflect.get(target, key, receiver);
          const value = resolve(key);
          Object.defineProperty(receiver, key, {
            value,
            writable: true,
            enumerable: true,
            configurable: true,
          });
          return value;
        },
        has: (target, key) => flagsOf(key) !== 0 || Reflect.has(target, key),
      }),
    );
    // wasmExports: the module's remaining exports, then the lazy ones (exports only, not aliases).
    const exports = new Proxy(Object.create(null), {
      get(_target, key) {
        if (typeof key === "string" && hasOwn(instanceExports, key)) return instanceExports[key];
        return flagsOf(key) & EXPORTED ? resolve(key) : undefined;
      },
      has: (_target, key) =>
        (typeof key === "string" && hasOwn(instanceExports, key)) || (flagsOf(key) & EXPORTED) !== 0,
    });
    // Module: `_X` for the names assignWasmExports assigned (by the image build: `_main` is the alias
    // entry `main`), from the exports after the glue's signature conversions (`converted`), as
    // assignWasmExports did: functions and other exports as they are, constant globals' values as
    // unsigned numbers.
    const moduleName = (key) => (typeof key === "string" && key.startsWith("_") ? key.slice(1) : null);
    function onModule(Module, converted) {
      const moduleFallback = Object.create(Object.getPrototypeOf(Module));
      Object.setPrototypeOf(
        Module,
        new Proxy(moduleFallback, {
          get(target, key, receiver) {
            const name = moduleName(key);
            const flags = name === null ? 0 : flagsOf(name);
            if (!(flags & ON_MODULE)) return Reflect.get(target, key, receiver);
            const value =
              flags & GLOBAL
                ? resolve(name).value >>> 0
                : hasOwn(converted, name)
                  ? converted[name]
                  : resolve(name);
            Object.defineProperty(receiver, key, {
              value,
              writable: true,
              enumerable: true,
              configurable: true,
            });
            return value;
          },
          has(target, key) {
            const name = moduleName(key);
            return (name !== null && (flagsOf(name) & ON_MODULE) !== 0) || Reflect.has(target, key);
          },
        }),
      );
    }
    return { exports, onModule };
  }

  /**
   * Image build: records the layout Emscripten's standard start produces. `describe()` is called when
   * the snapshot is taken.
   */
  function record(settings) {
    const recorded = { js: [], trampoline: -1, got: null, exports: null };
    settings.rsRecordLink = (symbol, index, sig) => {
      if (symbol === "") recorded.trampoline = index;
      else recorded.js.push({ symbol, index, sig });
    };
    settings.rsLinked = (GOT) => {
      recorded.got = GOT;
    };
    settings.rsInstance = (instance) => {
      recorded.exports = instance.exports;
    };
    return {
      describe(wasmModule, wasmTable) {
        const got = [];
        for (const imp of WebAssembly.Module.imports(wasmModule)) {
          if (imp.module === "GOT.func" || imp.module === "GOT.mem")
            got.push([imp.name, recorded.got[imp.name].value]);
        }
        const exportNames = new Map();
        for (const [name, value] of Object.entries(recorded.exports)) {
          if (typeof value === "function" && !exportNames.has(value)) exportNames.set(value, name);
        }
        const slots = [];
        const tableExports = [];
        for (let i = 0; i < wasmTable.length; i++) {
          const fn = wasmTable.get(i);
          if (!fn) continue;
          slots.push([i, fn.name]);
          const name = exportNames.get(fn);
          if (name !== undefined) tableExports.push([i, name]);
        }
        return {
          tableLength: wasmTable.length,
          got,
          js: recorded.js,
          trampoline: recorded.trampoline,
          slots,
          tableExports,
        };
      },
    };
  }

  /**
   * Image build check: the `name` of every table slot of a booted sandbox, and of every function
   * `Module._X` resolves to (JSON).
   */
  function describeBooted(module, exports) {
    const table = module.wasmTable;
    const slots = [];
    for (let i = 0; i < table.length; i++) slots.push(table.get(i)?.name ?? null);
    const index = exportIndex(exports.names, exports.table);
    const resolved = {};
    for (let i = 0; i < index.count; i++) {
      const flags = index.entryAt(i) % FLAGS;
      if (flags & ON_MODULE && !(flags & (GLOBAL | KEPT)))
        resolved[index.name(i)] = module[`_${index.name(i)}`]?.name ?? null;
    }
    return JSON.stringify({ slots, exports: resolved });
  }

  /** Hook names the patched glue looks for on Module; removed once the boot is done. */
  const HOOKS = [
    "rsReplayLink",
    "rsPlaceTrampoline",
    "rsLazyExports",
    "rsAssignExports",
    "rsRecordLink",
    "rsLinked",
    "rsInstance",
  ];

  return { replay, record, describeBooted, HOOKS };
})();
