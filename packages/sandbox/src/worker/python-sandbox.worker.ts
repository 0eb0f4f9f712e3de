/**
 * One Pyodide sandbox: a fresh isolated-vm isolate with Pyodide restored from the image's memory
 * snapshot. Lives inside a sandbox process (never the server). Used for exactly one run, then
 * disposed; nothing of it is reused.
 *
 * Only read-only things are shared between sandboxes of a process (`SharedImage`): the compiled wasm
 * modules, the glue's V8 code cache, the recorded function-table layout and the stdlib/snapshot
 * bytes. The one exception is the wasm memory, recycled zeroed under the rules of
 * `wasm-memory-pool.worker.ts`.
 */
import ivm from "isolated-vm";
import { ISOLATE_JS_HEAP_MB } from "../shared/isolate-heap.js";
import type { IsolateOutcome } from "../shared/isolate-outcome.js";
import type { RunLimits } from "../shared/limits.js";
import type { BootProfiler } from "./boot-profile.worker.js";
import { namedArgs, type PythonBootArgs, type PythonRunArgs, setUpRuntime } from "./isolate-api.worker.js";
import { failedRun } from "./isolate-failure.worker.js";
import { IsolateHost, type SandboxHostHooks } from "./isolate-host.worker.js";
import type { SharedImage } from "./shared-image.worker.js";

/** How long a finished sandbox's isolate may take to drain before its memory is given up instead. */
const DRAIN_TIMEOUT_MS = 2_000;

/** What one Python run needs besides the code. */
export interface PythonRunOptions {
  limits: Pick<RunLimits, "memoryBytes" | "maxOutputBytes" | "maxResultBytes">;
  /** The process writes 2 (SIGINT) into it at the deadline: Python raises KeyboardInterrupt. */
  interruptBuffer: SharedArrayBuffer;
  defaultRegion: string | null;
}

/**
 * A booted, not yet used sandbox. `run()` may be called once; `dispose()` always.
 */
export class PythonSandbox {
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
  static async boot(image: SharedImage, profiler?: BootProfiler): Promise<PythonSandbox> {
    const { sandbox } = await PythonSandbox.#boot(image, null, profiler);
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
    const { sandbox, made } = await PythonSandbox.#boot(image, warmup);
    sandbox.dispose();
    if (!made) throw new Error("snapshot boot returned no snapshot");
    return made;
  }

  /**
   * Image build only: the link of this booted sandbox (JSON): the `name` of every function-table slot
   * and of every lazily resolved export.
   */
  async bootedLink(): Promise<string> {
    const link = await this.#bootedLink?.apply(undefined, [], { result: { copy: true } });
    if (typeof link !== "string") throw new Error("the sandbox returned no link");
    return link;
  }

  #bootedLink: ivm.Reference<unknown> | null = null;

  static async #boot(
    image: SharedImage,
    warmup: string | null,
    profiler?: BootProfiler,
  ): Promise<{ sandbox: PythonSandbox; made: { snapshot: Uint8Array; link: string } | null }> {
    const { memory, recycled } = await image.memories.take();
    profiler?.mark(recycled ? "wasm memory (recycled, zeroed)" : "wasm memory (new)");
    const isolate = new ivm.Isolate({ memoryLimit: ISOLATE_JS_HEAP_MB });
    try {
      const context = await isolate.createContext();
      profiler?.mark("new isolate + context");
      const host = new IsolateHost();
      const entry = await setUpRuntime(context, image.files.prelude, "runscript-prelude.js", host.functions);
      profiler?.mark("prelude");
      image.compile(isolate, "glue").runSync(context, { release: true });
      profiler?.mark("glue compile + run");
      image.compile(isolate, "loader").runSync(context, { release: true });
      profiler?.mark("loader compile + run");
      const bootRef = entry.getSync("boot", { reference: true }) as ivm.Reference<unknown>;
      const runRef = entry.getSync("run", { reference: true }) as ivm.Reference<unknown>;
      const fireRef = entry.getSync("fireTimer", { reference: true }) as ivm.Reference<unknown>;
      const bootedLinkRef = entry.getSync("bootedLink", { reference: true }) as ivm.Reference<unknown>;
      entry.release();
      host.setTimerCallback(fireRef);
      const self = new PythonSandbox(isolate, context, runRef, host, image, memory);
      self.#bootedLink = bootedLinkRef;
      const building = warmup !== null;
      const snapshotImage = image.snapshotImage;
      const restoreMemory =
        !building && snapshotImage
          ? new ivm.Reference(() => {
              new Uint8Array(memory.buffer, 0, snapshotImage.byteLength).set(snapshotImage);
            })
          : null;
      const mark = profiler ? new ivm.Reference((phase: unknown) => profiler.mark(String(phase))) : null;
      const args: PythonBootArgs = {
        wasmModule: image.module.copyInto(),
        stdlib: image.stdlib.copyInto(),
        snapshotHeader: building || !image.snapshotHeader ? null : image.snapshotHeader.copyInto(),
        jsvError: image.jsvError.copyInto(),
        lockfile: image.files.lockfile,
        pythonFiles: image.files.pythonFiles,
        warmup,
        memory: new ivm.ExternalCopy(memory).copyInto(),
        restoreMemory,
        linkPlan: building ? null : image.files.linkPlan,
        jsSlotModule: building || !image.jsSlots ? null : image.jsSlots.copyInto(),
        lazyExportNames: building ? null : (image.lazyExports?.names ?? null),
        lazyExportTable: building ? null : (image.lazyExports?.table.copyInto() ?? null),
        mark,
      };
      const result = await bootRef.apply(undefined, [namedArgs(context, args)], {
        result: { promise: true, copy: true },
      });
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

  /** Runs one script. Resolves with how it ended; never rejects for anything the script does. */
  async run(code: string, options: PythonRunOptions, hooks: SandboxHostHooks): Promise<IsolateOutcome> {
    if (this.#used) throw new Error("a sandbox runs exactly one script");
    this.#used = true;
    this.#running = true;
    this.#host.attach(hooks);
    try {
      const args: PythonRunArgs = {
        code,
        memoryBytes: options.limits.memoryBytes,
        maxOutputBytes: options.limits.maxOutputBytes,
        maxResultBytes: options.limits.maxResultBytes,
        interruptBuffer: new ivm.ExternalCopy(options.interruptBuffer).copyInto({ release: true }),
        defaultRegion: options.defaultRegion,
      };
      const out = (await this.#run.apply(undefined, [namedArgs(this.#context, args)], {
        result: { promise: true, copy: true },
      })) as { json?: unknown; memoryCapHit?: unknown };
      if (typeof out?.json !== "string") return { kind: "crashed", message: "the runner returned no result" };
      this.#completed = true;
      return { kind: "completed", json: out.json, memoryCapHit: out.memoryCapHit === true };
    } catch (error) {
      return failedRun(error, this.#killedByHost, this.#isolate.isDisposed);
    } finally {
      this.#running = false;
    }
  }

  /** Hard stop: terminates whatever runs in the isolate (past the deadline's grace, or on cancel). */
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
