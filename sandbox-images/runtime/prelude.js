// runscript sandbox prelude: runs first inside every fresh isolated-vm isolate, before Pyodide.
//
// This file is one function expression. The sandbox process evaluates it in the fresh isolate and
// calls it with isolated-vm References to its host functions. Those references are kept in this
// closure only (never on globalThis), and every host function validates what it receives.
//
// What this file provides inside the isolate (which has no Node or web APIs at all):
// - the small environment Pyodide's Emscripten glue needs when it runs as a "shell" (read/readbuffer,
//   TextEncoder/TextDecoder, performance.now, crypto.getRandomValues, setTimeout, console);
// - the memory cap: WebAssembly.Memory growth past the run's cap throws, which Python sees as
//   MemoryError;
// - the entry points the sandbox process calls (boot, run, fire timers): returned from this closure,
//   never placed on globalThis, so a script cannot replace them.
//
// Every call from the sandbox process takes one object with named fields; their names and types are
// declared in packages/sandbox/src/worker/isolate-api.worker.ts (RuntimeHostFunctions, PythonBootArgs,
// PythonRunArgs).
(function runscriptPrelude({ randomBytes, schedule, output, call }) {
  const host = { randomBytes, schedule, output, call };
  // runtime/link-hooks.js, put in place by the image build.
  const linkHooks = __RUNSCRIPT_LINK_HOOKS__;

  // ---------------------------------------------------------------- memory cap
  const WasmMemory = WebAssembly.Memory;
  const originalGrow = WasmMemory.prototype.grow;
  const WASM_PAGE = 65536;
  let memoryCapBytes = Number.POSITIVE_INFINITY;
  let memoryCapHit = false;
  Object.defineProperty(WasmMemory.prototype, "grow", {
    value: function grow(deltaPages) {
      const next = this.buffer.byteLength + Number(deltaPages) * WASM_PAGE;
      if (next > memoryCapBytes) {
        memoryCapHit = true;
        throw new RangeError("runscript: WebAssembly memory limit reached");
      }
      return originalGrow.call(this, deltaPages);
    },
    writable: false,
    configurable: false,
  });
  const CappedMemory = function Memory(descriptor) {
    if (!new.target) throw new TypeError("WebAssembly.Memory must be invoked with 'new'");
    const initial = Number(descriptor?.initial ?? 0) * WASM_PAGE;
    if (initial > memoryCapBytes) {
      memoryCapHit = true;
      throw new RangeError("runscript: WebAssembly memory limit reached");
    }
    return Reflect.construct(WasmMemory, [descriptor], new.target);
  };
  CappedMemory.prototype = WasmMemory.prototype;
  Object.defineProperty(WebAssembly, "Memory", { value: CappedMemory, writable: false, configurable: false });

  // ---------------------------------------------------------------- text codecs (UTF-8, latin1, UTF-16LE)
  function utf8Encode(str) {
    const out = new Uint8Array(str.length * 3);
    let j = 0;
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out[j++] = c;
      else if (c < 0x800) {
        out[j++] = 0xc0 | (c >> 6);
        out[j++] = 0x80 | (c & 63);
      } else if (c < 0x10000) {
        out[j++] = 0xe0 | (c >> 12);
        out[j++] = 0x80 | ((c >> 6) & 63);
        out[j++] = 0x80 | (c & 63);
      } else {
        out[j++] = 0xf0 | (c >> 18);
        out[j++] = 0x80 | ((c >> 12) & 63);
        out[j++] = 0x80 | ((c >> 6) & 63);
        out[j++] = 0x80 | (c & 63);
      }
    }
    return out.slice(0, j);
  }
  function utf8Decode(bytes, fatal) {
    let out = "";
    const chunk = [];
    const flush = () => {
      out += String.fromCharCode.apply(null, chunk);
      chunk.length = 0;
    };
    const bad = () => {
      if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
      chunk.push(0xfffd);
    };
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i];
      let cp = -1;
      let need = 0;
      if (b < 0x80) {
        cp = b;
      } else if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x07;
      } else {
        bad();
        i++;
        continue;
      }
      let k = 1;
      for (; k <= need; k++) {
        const nb = bytes[i + k];
        if (nb === undefined || (nb & 0xc0) !== 0x80) break;
        cp = (cp << 6) | (nb & 0x3f);
      }
      if (k <= need) {
        bad();
        i += k;
        continue;
      }
      if (
        (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need === 3 && (cp < 0x10000 || cp > 0x10ffff))
      ) {
        bad();
        i += need + 1;
        continue;
      }
      i += need + 1;
      if (cp >= 0x10000) {
        cp -= 0x10000;
        chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else chunk.push(cp);
      if (chunk.length > 8192) flush();
    }
    flush();
    return out;
  }
  function toBytes(input) {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return new Uint8Array(input);
  }
  class TextDecoder {
    constructor(label = "utf-8", options = {}) {
      const l = String(label).toLowerCase();
      if (l === "utf-8" || l === "utf8" || l === "unicode-1-1-utf-8") this.encoding = "utf-8";
      else if (l === "latin1" || l === "ascii" || l === "iso-8859-1" || l === "windows-1252")
        this.encoding = "windows-1252";
      else if (l === "utf-16le" || l === "utf-16") this.encoding = "utf-16le";
      else throw new RangeError(`The encoding label provided ('${label}') is invalid.`);
      this.fatal = !!options.fatal;
      this.ignoreBOM = !!options.ignoreBOM;
    }
    decode(input) {
      let bytes = toBytes(input);
      if (this.encoding === "windows-1252") {
        let s = "";
        for (let i = 0; i < bytes.length; i += 8192)
          s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        return s;
      }
      if (this.encoding === "utf-16le") {
        let s = "";
        for (let i = 0; i + 1 < bytes.length; i += 2)
          s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return s;
      }
      if (!this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
        bytes = bytes.subarray(3);
      return utf8Decode(bytes, this.fatal);
    }
  }
  class TextEncoder {
    get encoding() {
      return "utf-8";
    }
    encode(str = "") {
      return utf8Encode(String(str));
    }
    encodeInto(str, dest) {
      const bytes = utf8Encode(String(str));
      const n = Math.min(bytes.length, dest.length);
      dest.set(bytes.subarray(0, n));
      return { read: str.length, written: n };
    }
  }
  globalThis.TextDecoder = TextDecoder;
  globalThis.TextEncoder = TextEncoder;

  // ---------------------------------------------------------------- time, randomness, console
  const timeOrigin = Date.now();
  globalThis.performance = { now: () => Date.now() - timeOrigin, timeOrigin };
  globalThis.crypto = {
    getRandomValues(view) {
      if (!ArrayBuffer.isView(view) || view.byteLength > 65536) {
        throw new TypeError("getRandomValues: expected an integer TypedArray of at most 65536 bytes");
      }
      const bytes = host.randomBytes.applySync(undefined, [view.byteLength], { result: { copy: true } });
      new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(new Uint8Array(bytes));
      return view;
    },
  };
  function format(args) {
    return args
      .map((a) => {
        if (typeof a === "string") return a;
        if (a instanceof Error) return `${a.name}: ${a.message}`;
        try {
          return String(a);
        } catch {
          return "[unprintable]";
        }
      })
      .join(" ");
  }
  globalThis.console = {
    log: (...a) => writeOutput(1, `${format(a)}\n`),
    info: (...a) => writeOutput(1, `${format(a)}\n`),
    debug: (...a) => writeOutput(1, `${format(a)}\n`),
    warn: (...a) => writeOutput(2, `${format(a)}\n`),
    error: (...a) => writeOutput(2, `${format(a)}\n`),
  };

  // ---------------------------------------------------------------- timers (host-driven, die with the isolate)
  const timers = new Map();
  let nextTimerId = 1;
  globalThis.setTimeout = (fn, ms = 0, ...args) => {
    if (typeof fn !== "function") throw new TypeError("setTimeout: callback must be a function");
    const id = nextTimerId++;
    timers.set(id, () => fn(...args));
    host.schedule.applyIgnored(undefined, [id, Math.max(0, Number(ms) || 0)]);
    return id;
  };
  globalThis.clearTimeout = (id) => {
    timers.delete(id);
  };
  globalThis.setInterval = () => {
    throw new Error("setInterval is not available in the sandbox");
  };
  function fireTimer(id) {
    const fn = timers.get(id);
    if (!fn) return;
    timers.delete(id);
    fn();
  }

  // ---------------------------------------------------------------- files handed in by the host
  const files = new Map();
  // Emscripten treats the isolate as a plain JS shell when `read` and `load` exist.
  globalThis.read = (path) => {
    const bytes = files.get(String(path));
    if (!bytes) throw new Error(`runscript sandbox: no file ${path}`);
    return new TextDecoder().decode(bytes);
  };
  globalThis.readbuffer = (path) => {
    const p = String(path);
    // The loader asks for the .wasm eagerly; the compiled module is handed in instead (see boot()).
    if (p.endsWith(".wasm")) return new ArrayBuffer(0);
    const bytes = files.get(p);
    if (!bytes) throw new Error(`runscript sandbox: no file ${p}`);
    return bytes.buffer;
  };
  globalThis.load = () => {
    throw new Error("load() is not available in the sandbox");
  };

  // ---------------------------------------------------------------- output capture
  // Output goes to the host as it is written (so a run that is killed keeps what it printed), up to the
  // run's cap; the host counts bytes again and adds the truncation marker.
  let outputBudget = 1e9; // boot-time output (debug only); each run sets its own budget
  let outputTruncated = false;
  function writeOutput(fd, text) {
    if (outputTruncated || text.length === 0) return;
    if (text.length > outputBudget) {
      text = text.slice(0, Math.max(0, outputBudget));
      outputTruncated = true;
    }
    outputBudget -= text.length;
    if (text.length > 0) host.output.applyIgnored(undefined, [fd, text]);
    if (outputTruncated) host.output.applyIgnored(undefined, [fd, ""]);
  }
  function makeWriter(fd) {
    const decoder = new TextDecoder();
    return {
      write(buffer) {
        // Python hands raw bytes; decode (invalid UTF-8 becomes U+FFFD only in the captured text).
        writeOutput(fd, decoder.decode(buffer));
        return buffer.length;
      },
      isatty: false,
    };
  }

  // ---------------------------------------------------------------- boot and run
  let pyodide = null;
  let jsvErrorImports = null;
  /** The parsed link plan and the lazy exports (null while the image build records them). */
  let linkPlan = null;
  let lazyExports = null;

  function makeJsvErrorImports(bytes) {
    // Same module the loader compiles asynchronously; compiled synchronously here (async wasm
    // compilation does not settle inside an isolate).
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return instance.exports;
  }

  // ---------------------------------------------------------------- host calls (the AWS bridge)
  // The host answers a call with the bridge's JSON answer text, or, when the sandbox could not deliver
  // the call, with `{ failure: { code, message } }` in the sandbox's own codes
  // (packages/sandbox/src/shared/host-call.ts). This runtime speaks the bridge protocol, so it turns a
  // failure into the bridge's error answer; the kinds, codes and HTTP statuses are the bridge's
  // (packages/aws-bridge/src/errors.ts; test/integration/host-call-failures.test.ts checks they agree).
  const HOST_CALL_FAILURE_AS_BRIDGE_ERROR = {
    NO_HANDLER: { kind: "refused", code: "BridgeUnavailable", httpStatus: 503 },
    PAYLOAD_TOO_LARGE: { kind: "refused", code: "RequestTooLarge", httpStatus: 413 },
    HANDLER_FAILED: { kind: "host", code: "InternalError", httpStatus: 500 },
    RUN_ENDED: { kind: "refused", code: "RunEnded", httpStatus: 503 },
  };
  function bridgeAnswer(reply) {
    if (typeof reply === "string") return reply;
    const failure = reply?.failure ?? {};
    const mapped =
      HOST_CALL_FAILURE_AS_BRIDGE_ERROR[failure.code] ?? HOST_CALL_FAILURE_AS_BRIDGE_ERROR.HANDLER_FAILED;
    return JSON.stringify({
      ok: false,
      error: { ...mapped, message: String(failure.message ?? ""), requestId: null, operation: null },
    });
  }

  // boot(PythonBootArgs): `memory` is this sandbox's WebAssembly.Memory; `restoreMemory` writes the
  // snapshot image into it (null: snapshot build); `linkPlan`/`jsSlotModule` are the recorded
  // function-table layout and the module that fills its JavaScript slots, `lazyExportNames`/
  // `lazyExportTable` the exports resolved on first use (all null: snapshot build, which records the
  // layout instead); `mark` records a boot phase (null unless the boot is profiled).
  async function boot({
    wasmModule,
    stdlib,
    snapshotHeader,
    jsvError,
    lockfile,
    pythonFiles,
    warmup,
    memory,
    restoreMemory,
    linkPlan: linkPlanJson,
    jsSlotModule,
    lazyExportNames,
    lazyExportTable,
    mark,
  }) {
    const makeSnapshot = warmup !== null;
    const rsMark = mark ? (phase) => mark.applySync(undefined, [phase]) : undefined;
    files.set("/pyodide/python_stdlib.zip", new Uint8Array(stdlib));
    jsvErrorImports = makeJsvErrorImports(new Uint8Array(jsvError));
    const createModule = globalThis.__rs_createPyodideModule;
    const loadPyodide = globalThis.__rs_loadPyodide;
    delete globalThis.__rs_createPyodideModule;
    delete globalThis.__rs_loadPyodide;
    linkPlan = linkPlanJson ? JSON.parse(linkPlanJson) : null;
    lazyExports = linkPlan ? { names: lazyExportNames, table: lazyExportTable } : null;
    let linkRecorder = null;
    let emscriptenModule = null;
    const config = {
      indexURL: "/pyodide/",
      stdLibURL: "/pyodide/python_stdlib.zip",
      lockFileContents: JSON.parse(lockfile),
      // PYTHONHASHSEED: the string-hash secret is fixed when the snapshot is made (every sandbox of an
      // image shares it anyway); a fixed one makes image builds reproducible and set/dict-of-str
      // iteration orders stable across builds. runscript_preload removes it from os.environ.
      env: { HOME: "/home/pyodide", PYTHONHASHSEED: "0" },
      stdout: undefined,
      stderr: undefined,
      checkAPIVersion: true,
      createPyodideModule: (settings) => {
        emscriptenModule = settings;
        settings.rsMark = rsMark;
        settings.instantiateWasm = (imports, done) => {
          imports.env.Jsv_GetError_import = jsvErrorImports.Jsv_GetError_import;
          imports.env.JsvError_Check = jsvErrorImports.JsvError_Check;
          rsMark?.("Emscripten module setup");
          // The memory is an import of the rewritten module; it is not added to Emscripten's own
          // symbol table (wasmImports), only to what this instantiation sees.
          const env = Object.create(imports.env, { memory: { value: memory } });
          const instance = new WebAssembly.Instance(wasmModule, { ...imports, env });
          done(instance, wasmModule);
          return {};
        };
        if (restoreMemory) settings.rsRestoreMemory = () => restoreMemory.applySync(undefined, []);
        if (linkPlan) linkHooks.replay(settings, linkPlan, jsSlotModule, lazyExports);
        else linkRecorder = linkHooks.record(settings);
        return createModule(settings);
      },
    };
    if (snapshotHeader) config._loadSnapshot = new Uint8Array(snapshotHeader);
    if (makeSnapshot) config._makeSnapshot = true;
    pyodide = await loadPyodide(config);
    for (const hook of ["rsMark", "rsRestoreMemory", ...linkHooks.HOOKS]) delete emscriptenModule[hook];
    files.delete("/pyodide/python_stdlib.zip");
    // runscript's Python files (and the vendored packages) are written only for the snapshot build:
    // the warm-up imports every one of them, so every sandbox has them loaded (sys.modules) and never
    // reads them again. Writing ~0.5 MB of sources into the file system cost ~50 ms per boot.
    if (makeSnapshot) {
      const fs = pyodide.FS;
      for (const [path, source] of Object.entries(JSON.parse(pythonFiles))) {
        const full = `/runscript/lib/${path}`;
        fs.mkdirTree(full.slice(0, full.lastIndexOf("/")));
        fs.writeFile(full, source);
      }
    }
    rsMark?.("runscript files");
    if (makeSnapshot) {
      // Nothing JavaScript may be held by Python when the snapshot is taken, so the hooks below are
      // installed only in booted sandboxes.
      pyodide.runPython(warmup);
      const snapshot = new Uint8Array(pyodide.makeMemorySnapshot()).buffer;
      return {
        snapshot,
        link: JSON.stringify(linkRecorder.describe(wasmModule, pyodide._module.wasmTable)),
      };
    }
    pyodide.setStdout(makeWriter(1));
    pyodide.setStderr(makeWriter(2));
    pyodide.setStdin({ error: true });
    // The script's one way out: the host bridge. Payloads are JSON strings; the host validates them.
    // One host function, two ways to wait for it (isolated-vm decides at the call site): boto3's
    // synchronous calls block the isolate until the answer is there; `call_async` gets a promise.
    pyodide.registerJsModule("_runscript_host", {
      call_sync: (payload) => bridgeAnswer(host.call.applySyncPromise(undefined, [String(payload)])),
      call_async: async (payload) =>
        bridgeAnswer(
          await host.call.apply(undefined, [String(payload)], { result: { promise: true, copy: true } }),
        ),
    });
    rsMark?.("output and bridge hooks");
    return null;
  }

  // Image build only: the table and the lazily resolved exports of a booted sandbox (JSON), checked
  // against the recorded layout.
  function bootedLink() {
    return linkHooks.describeBooted(pyodide._module, lazyExports);
  }

  function setDefaultRegion(region) {
    // What boto3 reads for a client or session that names no region.
    const os = pyodide.pyimport("os");
    const environ = os.environ;
    try {
      environ.set("AWS_DEFAULT_REGION", region);
      environ.set("AWS_REGION", region);
    } finally {
      environ.destroy();
      os.destroy();
    }
  }

  async function run({ code, memoryBytes, maxOutputBytes, maxResultBytes, interruptBuffer, defaultRegion }) {
    if (!pyodide) throw new Error("runscript sandbox: run before boot");
    memoryCapBytes = memoryBytes;
    memoryCapHit = false;
    outputBudget = maxOutputBytes;
    outputTruncated = false;
    if (interruptBuffer) pyodide.setInterruptBuffer(new Int32Array(interruptBuffer));
    if (defaultRegion) setDefaultRegion(defaultRegion);
    const runner = pyodide.pyimport("runscript_runner");
    try {
      const json = await runner.run(code, maxResultBytes);
      return { json: String(json), memoryCapHit };
    } finally {
      runner.destroy();
    }
  }

  return { boot, run, fireTimer, bootedLink };
});
