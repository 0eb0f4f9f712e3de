/**
 * One Pyodide sandbox: a fresh isolated-vm isolate with Pyodide restored from the image's memory
 * snapshot. Lives inside a sandbox process (never the server). Used for exactly one run, then
 * disposed; nothing of it is reused.
 *
 * Only read-only things are shared between sandboxes of a process: the compiled wasm modules, the
 * glue's V8 code cache, the recorded function-table layout and the stdlib/snapshot bytes. The one
 * exception is the wasm memory, recycled zeroed under the rules of `wasm-memory-pool.ts`.
 */
import ivm from "isolated-vm";
import type { BootProfiler } from "./boot-profile.js";
import type { SandboxImageFiles } from "./image.js";
import { IsolateHost, type SandboxHostHooks } from "./isolate-host.js";
import { WasmMemoryPool } from "./wasm-memory-pool.js";

export type { SandboxHostHooks };

/** JS heap cap of a sandbox isolate, on top of the wasm (Python) memory cap. */
export const ISOLATE_JS_HEAP_MB = 192;

/** How a run inside the isolate ended, before the host maps it onto a `RunResult`. */
export type IsolateOutcome =
  | { kind: "completed"; json: string; memoryCapHit: boolean }
  /** The isolate was torn down under the run: by our hard timeout, or by V8's heap limit. */
  | { kind: "disposed"; reason: "killed" | "js_heap_limit"; message: string }
  | { kind: "crashed"; message: string };

/**
 * How a run ended when the call into its isolate threw: killed by our hard timeout, the isolate torn
 * down by V8's heap limit, or a crash of the runtime.
 */
export function failedRun(error: unknown, killedByHost: boolean, isolateDisposed: boolean): IsolateOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (killedByHost) return { kind: "disposed", reason: "killed", message };
  if (isolateDisposed || /memory limit/i.test(message))
    return { kind: "disposed", reason: "js_heap_limit", message };
  return { kind: "crashed", message };
}

/** Memories kept for reuse per process beyond those in use (each holds the snapshot's size of RSS). */
export const IDLE_MEMORIES_PER_PROCESS = 2;

/** How long a finished sandbox's isolate may take to drain before its memory is given up instead. */
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Process-wide, read-only state shared by every sandbox this process boots, plus the pool of wasm
 * memories (see `wasm-memory-pool.ts` for why a recycled memory is as fresh as a new one).
 */
export class SharedImage {
  readonly files: SandboxImageFiles;
  readonly module: ivm.ExternalCopy<WebAssembly.Module>;
  readonly stdlib: ivm.ExternalCopy<ArrayBuffer>;
  readonly jsvError: ivm.ExternalCopy<ArrayBuffer>;
  /** Pyodide's snapshot header (magic, build id, JS-side state); null while building the image. */
  readonly snapshotHeader: ivm.ExternalCopy<ArrayBuffer> | null;
  /** The snapshot's memory image, written by the host straight into each sandbox's memory. */
  readonly snapshotImage: Uint8Array | null;
  /** The module that fills the function table's JavaScript slots (null while building the image). */
  readonly jsSlots: ivm.ExternalCopy<WebAssembly.Module> | null;
  readonly memories: WasmMemoryPool;
  #glueCache: ivm.ExternalCopy<ArrayBuffer> | undefined;
  #loaderCache: ivm.ExternalCopy<ArrayBuffer> | undefined;

  /** `buildMemoryPages`: memory size while building the image (no snapshot yet). */
  constructor(files: SandboxImageFiles, options: { buildMemoryPages?: number } = {}) {
    this.files = files;
    // Compiled once per process; V8 shares the compiled (and tiered-up) code with every isolate.
    this.module = new ivm.ExternalCopy(new WebAssembly.Module(toArrayBuffer(files.wasm)));
    this.stdlib = new ivm.ExternalCopy(toArrayBuffer(files.stdlib));
    this.jsvError = new ivm.ExternalCopy(toArrayBuffer(files.jsvError));
    this.jsSlots = files.jsSlots
      ? new ivm.ExternalCopy(new WebAssembly.Module(toArrayBuffer(files.jsSlots)))
      : null;
    let pages = options.buildMemoryPages ?? 0;
    if (files.snapshot) {
      const { header, image } = splitSnapshot(files.snapshot);
      this.snapshotHeader = new ivm.ExternalCopy(toArrayBuffer(header));
      this.snapshotImage = image;
      pages = image.byteLength / WASM_PAGE;
    } else {
      this.snapshotHeader = null;
      this.snapshotImage = null;
    }
    if (!pages) throw new Error("sandbox image: unknown wasm memory size");
    this.memories = new WasmMemoryPool(pages, WASM_MAX_PAGES, IDLE_MEMORIES_PER_PROCESS);
  }

  #warmCaches = false;

  /**
   * After the first complete boot: compiles the glue and loader again in that (booted) isolate, whose
   * compilation cache returns the scripts with every function the boot compiled, so the new code
   * caches hold the whole boot path (not only what V8 compiles eagerly) and later boots compile nothing.
   */
  warmCodeCaches(isolate: ivm.Isolate): void {
    if (this.#warmCaches) return;
    this.#warmCaches = true;
    for (const which of ["glue", "loader"] as const) {
      const source = which === "glue" ? this.files.glue : this.files.loader;
      const filename = which === "glue" ? "pyodide.asm.js" : "pyodide.js";
      const script = isolate.compileScriptSync(source, { filename, produceCachedData: true }) as ivm.Script &
        ivm.CachedDataResult;
      if (script.cachedData) {
        if (which === "glue") this.#glueCache = script.cachedData;
        else this.#loaderCache = script.cachedData;
      }
      script.release();
    }
  }

  /** Compiles the glue/loader into `isolate`, producing a V8 code cache the first time. */
  compile(isolate: ivm.Isolate, which: "glue" | "loader"): ivm.Script {
    const source = which === "glue" ? this.files.glue : this.files.loader;
    const filename = which === "glue" ? "pyodide.asm.js" : "pyodide.js";
    const cache = which === "glue" ? this.#glueCache : this.#loaderCache;
    if (cache) {
      const script = isolate.compileScriptSync(source, { filename, cachedData: cache }) as ivm.Script & {
        cachedDataRejected?: boolean;
      };
      if (!script.cachedDataRejected) return script;
    }
    const script = isolate.compileScriptSync(source, { filename, produceCachedData: true }) as ivm.Script &
      ivm.CachedDataResult;
    if (script.cachedData) {
      if (which === "glue") this.#glueCache = script.cachedData;
      else this.#loaderCache = script.cachedData;
    }
    return script;
  }
}

const WASM_PAGE = 65536;
/** The maximum Pyodide's module declares (4 GiB); a shared memory must be created with it. */
const WASM_MAX_PAGES = 65536;

/** Pyodide's snapshot: a header (u32 magic, u32 offset of the memory image, ...) then the image. */
function splitSnapshot(snapshot: Uint8Array): { header: Uint8Array; image: Uint8Array } {
  const view = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const imageOffset = view.getUint32(4, true);
  const image = snapshot.subarray(imageOffset);
  if (imageOffset < 16 || imageOffset > snapshot.byteLength || image.byteLength % WASM_PAGE !== 0) {
    throw new Error("sandbox image: the snapshot's memory image is not a whole number of wasm pages");
  }
  return { header: snapshot.subarray(0, imageOffset), image };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/**
 * A booted, not yet used sandbox. `run()` may be called once; `dispose()` always.
 */
export class IsolateSandbox {
  readonly #isolate: ivm.Isolate;
  readonly #context: ivm.Context;
  readonly #run: ivm.Reference<unknown>;
  readonly #host: IsolateHost;
  readonly #image: SharedImage;
  readonly #memory: WebAssembly.Memory;
  #used = false;
  #running = false;
  #completed = false;
  #disposed = false;
  #killedByHost = false;

  private constructor(
    isolate: ivm.Isolate,
    context: ivm.Context,
    run: ivm.Reference<unknown>,
    host: IsolateHost,
    image: SharedImage,
    memory: WebAssembly.Memory,
  ) {
    this.#isolate = isolate;
    this.#context = context;
    this.#run = run;
    this.#host = host;
    this.#image = image;
    this.#memory = memory;
  }

  /**
   * Boots a fresh sandbox from the image's snapshot. With a `profiler`, every phase is marked on it.
   */
  static async boot(image: SharedImage, profiler?: BootProfiler): Promise<IsolateSandbox> {
    const { sandbox } = await IsolateSandbox.#boot(image, null, profiler);
    return sandbox;
  }

  /**
   * Image build only: boots from scratch (the standard Emscripten start), runs `warmup`, returns the
   * memory snapshot and the function-table layout the boot produced (JSON).
   */
  static async makeSnapshot(
    image: SharedImage,
    warmup: string,
  ): Promise<{ snapshot: Uint8Array; link: string }> {
    const { sandbox, made } = await IsolateSandbox.#boot(image, warmup);
    sandbox.dispose();
    if (!made) throw new Error("snapshot boot returned no snapshot");
    return made;
  }

  /** Image build only: the `name` of every function-table slot of this booted sandbox. */
  async tableNames(): Promise<string> {
    const names = await this.#tableNames?.apply(undefined, [], { result: { copy: true } });
    if (typeof names !== "string") throw new Error("the sandbox returned no table");
    return names;
  }

  #tableNames: ivm.Reference<unknown> | null = null;

  static async #boot(
    image: SharedImage,
    warmup: string | null,
    profiler?: BootProfiler,
  ): Promise<{ sandbox: IsolateSandbox; made: { snapshot: Uint8Array; link: string } | null }> {
    const { memory, recycled } = await image.memories.take();
    profiler?.mark(recycled ? "wasm memory (recycled, zeroed)" : "wasm memory (new)");
    const isolate = new ivm.Isolate({ memoryLimit: ISOLATE_JS_HEAP_MB });
    try {
      const context = await isolate.createContext();
      profiler?.mark("new isolate + context");
      const host = new IsolateHost();
      const hostRefs = [host.randomBytes, host.schedule, host.output, host.call, host.call];
      const entry = (await context.evalClosure(
        `return (${image.files.prelude.trim().replace(/;$/, "")})($0, $1, $2, $3, $4);`,
        hostRefs,
        {
          result: { reference: true },
          filename: "runscript-prelude.js",
        },
      )) as ivm.Reference<Record<string, unknown>>;
      profiler?.mark("prelude");
      image.compile(isolate, "glue").runSync(context, { release: true });
      profiler?.mark("glue compile + run");
      image.compile(isolate, "loader").runSync(context, { release: true });
      profiler?.mark("loader compile + run");
      const bootRef = entry.getSync("boot", { reference: true }) as ivm.Reference<unknown>;
      const runRef = entry.getSync("run", { reference: true }) as ivm.Reference<unknown>;
      const fireRef = entry.getSync("fireTimer", { reference: true }) as ivm.Reference<unknown>;
      const tableNamesRef = entry.getSync("tableNames", { reference: true }) as ivm.Reference<unknown>;
      entry.release();
      host.setTimerCallback(fireRef);
      const self = new IsolateSandbox(isolate, context, runRef, host, image, memory);
      self.#tableNames = tableNamesRef;
      const building = warmup !== null;
      const snapshotImage = image.snapshotImage;
      const restoreMemory =
        !building && snapshotImage
          ? new ivm.Reference(() => {
              new Uint8Array(memory.buffer, 0, snapshotImage.byteLength).set(snapshotImage);
            })
          : null;
      const mark = profiler ? new ivm.Reference((phase: unknown) => profiler.mark(String(phase))) : null;
      const result = await bootRef.apply(
        undefined,
        [
          image.module.copyInto(),
          image.stdlib.copyInto(),
          building || !image.snapshotHeader ? null : image.snapshotHeader.copyInto(),
          image.jsvError.copyInto(),
          image.files.lockfile,
          image.files.pythonFiles,
          building,
          warmup ?? "",
          new ivm.ExternalCopy(memory).copyInto(),
          restoreMemory,
          building ? null : image.files.linkPlan,
          building || !image.jsSlots ? null : image.jsSlots.copyInto(),
          mark,
        ],
        { result: { promise: true, copy: true } },
      );
      bootRef.release();
      image.warmCodeCaches(isolate);
      restoreMemory?.release();
      mark?.release();
      const made = building ? parseMade(result) : null;
      return { sandbox: self, made };
    } catch (error) {
      if (!isolate.isDisposed) isolate.dispose();
      throw error;
    }
  }

  /** Time the isolate has spent on CPU, in milliseconds. */
  get cpuTimeMs(): number {
    return this.#disposed ? 0 : Number(this.#isolate.cpuTime) / 1e6;
  }

  /**
   * Runs one script. Resolves with how it ended; never rejects for anything the script does.
   * `interrupt` is a SharedArrayBuffer the caller writes 2 (SIGINT) into to interrupt Python.
   */
  async run(
    code: string,
    limits: { memoryBytes: number; maxOutputBytes: number; maxResultBytes: number },
    interrupt: SharedArrayBuffer,
    hooks: SandboxHostHooks,
  ): Promise<IsolateOutcome> {
    if (this.#used) throw new Error("a sandbox runs exactly one script");
    this.#used = true;
    this.#running = true;
    this.#host.attach(hooks);
    try {
      const out = (await this.#run.apply(
        undefined,
        [
          code,
          limits.memoryBytes,
          limits.maxOutputBytes,
          limits.maxResultBytes,
          new ivm.ExternalCopy(interrupt).copyInto(),
        ],
        { result: { promise: true, copy: true } },
      )) as { json?: unknown; memoryCapHit?: unknown };
      if (typeof out?.json !== "string") return { kind: "crashed", message: "the runner returned no result" };
      this.#completed = true;
      return { kind: "completed", json: out.json, memoryCapHit: out.memoryCapHit === true };
    } catch (error) {
      return failedRun(error, this.#killedByHost, this.#isolate.isDisposed);
    } finally {
      this.#running = false;
    }
  }

  /** Hard stop: terminates whatever runs in the isolate (used past the timeout's grace period). */
  kill(): void {
    this.#killedByHost = true;
    this.dispose();
  }

  /**
   * Disposes the isolate. Its wasm memory goes back to the process's pool only when the run returned
   * normally and nothing can enter the isolate any more: the host is closed, then idle (no bridge
   * answer or timer callback under way; none can start after close), and a last no-op task ran after
   * everything already queued. A killed, crashed or unused sandbox's memory, or one whose isolate does
   * not drain within DRAIN_TIMEOUT_MS, is dropped.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#host.close();
    if (!this.#completed || this.#running || this.#killedByHost || this.#isolate.isDisposed) {
      this.#teardown();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS);
    });
    const drained = this.#host
      .whenIdle()
      .then(() => this.#context.eval("0"))
      .then(
        () => true,
        () => false,
      );
    const released = Promise.race([drained, timedOut]).then((idle) => {
      clearTimeout(timer);
      this.#teardown();
      if (idle) this.#image.memories.give(this.#memory);
    });
    this.#image.memories.expect(released);
  }

  #teardown(): void {
    try {
      this.#context.release();
    } catch {
      // already gone with the isolate
    }
    if (!this.#isolate.isDisposed) this.#isolate.dispose();
  }
}

function parseMade(result: unknown): { snapshot: Uint8Array; link: string } {
  const made = result as { snapshot?: unknown; link?: unknown } | null;
  if (!(made?.snapshot instanceof ArrayBuffer) || typeof made.link !== "string") {
    throw new Error("snapshot boot returned no snapshot");
  }
  return { snapshot: new Uint8Array(made.snapshot), link: made.link };
}
