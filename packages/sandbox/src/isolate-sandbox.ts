/**
 * One Pyodide sandbox: a fresh isolated-vm isolate with Pyodide restored from the image's memory
 * snapshot. Lives inside a sandbox process (never the server). Used for exactly one run, then
 * disposed; nothing of it is reused.
 *
 * Only read-only things are shared between sandboxes of a process: the compiled wasm module, the
 * glue's V8 code cache, and the stdlib/snapshot bytes (copied into each isolate).
 */
import ivm from "isolated-vm";
import type { SandboxImageFiles } from "./image.js";
import { IsolateHost, type SandboxHostHooks } from "./isolate-host.js";

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

/** Process-wide, read-only state shared by every sandbox this process boots. */
export class SharedImage {
  readonly files: SandboxImageFiles;
  readonly module: ivm.ExternalCopy<WebAssembly.Module>;
  readonly stdlib: ivm.ExternalCopy<ArrayBuffer>;
  readonly jsvError: ivm.ExternalCopy<ArrayBuffer>;
  readonly snapshot: ivm.ExternalCopy<ArrayBuffer> | null;
  #glueCache: ivm.ExternalCopy<ArrayBuffer> | undefined;
  #loaderCache: ivm.ExternalCopy<ArrayBuffer> | undefined;

  constructor(files: SandboxImageFiles) {
    this.files = files;
    // Compiled once per process; V8 shares the compiled (and tiered-up) code with every isolate.
    this.module = new ivm.ExternalCopy(new WebAssembly.Module(toArrayBuffer(files.wasm)));
    this.stdlib = new ivm.ExternalCopy(toArrayBuffer(files.stdlib));
    this.jsvError = new ivm.ExternalCopy(toArrayBuffer(files.jsvError));
    this.snapshot = files.snapshot ? new ivm.ExternalCopy(toArrayBuffer(files.snapshot)) : null;
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
  #used = false;
  #disposed = false;
  #killedByHost = false;

  private constructor(
    isolate: ivm.Isolate,
    context: ivm.Context,
    run: ivm.Reference<unknown>,
    host: IsolateHost,
  ) {
    this.#isolate = isolate;
    this.#context = context;
    this.#run = run;
    this.#host = host;
  }

  /**
   * Boots a fresh sandbox from the image's snapshot. With `makeSnapshot`, boots without one, runs
   * `warmup` and returns the new snapshot instead (image build only).
   */
  static async boot(image: SharedImage): Promise<IsolateSandbox> {
    const { sandbox } = await IsolateSandbox.#boot(image, null);
    return sandbox;
  }

  /** Image build only: boots from scratch, runs `warmup`, returns the memory snapshot. */
  static async makeSnapshot(image: SharedImage, warmup: string): Promise<Uint8Array> {
    const { sandbox, snapshot } = await IsolateSandbox.#boot(image, warmup);
    sandbox.dispose();
    if (!snapshot) throw new Error("snapshot boot returned no snapshot");
    return snapshot;
  }

  static async #boot(
    image: SharedImage,
    warmup: string | null,
  ): Promise<{ sandbox: IsolateSandbox; snapshot: Uint8Array | null }> {
    const isolate = new ivm.Isolate({ memoryLimit: ISOLATE_JS_HEAP_MB });
    try {
      const context = await isolate.createContext();
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
      image.compile(isolate, "glue").runSync(context, { release: true });
      image.compile(isolate, "loader").runSync(context, { release: true });
      const bootRef = entry.getSync("boot", { reference: true }) as ivm.Reference<unknown>;
      const runRef = entry.getSync("run", { reference: true }) as ivm.Reference<unknown>;
      const fireRef = entry.getSync("fireTimer", { reference: true }) as ivm.Reference<unknown>;
      entry.release();
      host.setTimerCallback(fireRef);
      const self = new IsolateSandbox(isolate, context, runRef, host);
      const snapshot = warmup ? null : image.snapshot;
      const result = await bootRef.apply(
        undefined,
        [
          image.module.copyInto(),
          image.stdlib.copyInto(),
          snapshot ? snapshot.copyInto() : null,
          image.jsvError.copyInto(),
          image.files.lockfile,
          image.files.pythonFiles,
          warmup !== null,
          warmup ?? "",
        ],
        { result: { promise: true, copy: true } },
      );
      bootRef.release();
      const made = result instanceof ArrayBuffer ? new Uint8Array(result) : null;
      return { sandbox: self, snapshot: made };
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
      return { kind: "completed", json: out.json, memoryCapHit: out.memoryCapHit === true };
    } catch (error) {
      return failedRun(error, this.#killedByHost, this.#isolate.isDisposed);
    }
  }

  /** Hard stop: terminates whatever runs in the isolate (used past the timeout's grace period). */
  kill(): void {
    this.#killedByHost = true;
    this.dispose();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#host.close();
    try {
      this.#context.release();
    } catch {
      // already gone with the isolate
    }
    if (!this.#isolate.isDisposed) this.#isolate.dispose();
  }
}
