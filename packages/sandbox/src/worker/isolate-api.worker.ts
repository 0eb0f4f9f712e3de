/**
 * The typed API of the calls the sandbox process makes into an isolate's runtime
 * (`sandbox-images/runtime/prelude.js` for Python, `js-runtime.js` for JavaScript).
 *
 * Every call takes one argument, an object with named fields, built inside the isolate field by field
 * ({@link namedArgs}): strings and numbers are copied, `ExternalCopy.copyInto()` handles are placed
 * (large buffers are copied once, straight into the isolate) and References stay references. The
 * field names below are the names the runtimes destructure; a field added here must be read there.
 */
import type ivm from "isolated-vm";

/** A value that can be a named field of a call into an isolate. */
export type IsolateArg = string | number | boolean | null | ivm.Reference<unknown> | ivm.Copy<unknown>;

/**
 * The host functions a runtime receives when it is set up, kept in its closure (never on
 * `globalThis`). Each validates what the isolate hands it (`isolate-host.worker.ts`).
 */
export interface RuntimeHostFunctions {
  /** `(n) => ArrayBuffer` of n crypto-random bytes (Python only: Emscripten's entropy source). */
  randomBytes?: ivm.Reference<unknown>;
  /** `(timerId, ms)`: fire the runtime's `fireTimer(timerId)` after `ms`. */
  schedule: ivm.Reference<unknown>;
  /** `(fd, text)`: script output; `text === ""` marks that the runtime cut the stream at its cap. */
  output: ivm.Reference<unknown>;
  /**
   * `(payload) => Promise<string | {failure}>`: one host call (a bridge request). One reference serves
   * both of Python's entry points: isolated-vm chooses at the call site whether the isolate blocks
   * (`applySyncPromise`, boto3's synchronous calls) or gets a promise (`apply`, `call_boto3`/asyncio).
   */
  call: ivm.Reference<unknown>;
}

/** `boot(args)` of the Python prelude: restores Pyodide (or, with `warmup`, makes the snapshot). */
export interface PythonBootArgs {
  /** The compiled `pyodide.asm.wasm` (its memory is imported, shared), read-only for every isolate. */
  wasmModule: ivm.Copy<WebAssembly.Module>;
  /** `python_stdlib.zip` bytes. */
  stdlib: ivm.Copy<ArrayBuffer>;
  /** Pyodide's snapshot header (magic, build id, JS-side state); null while the image build makes it. */
  snapshotHeader: ivm.Copy<ArrayBuffer> | null;
  /** The small `jsv-error` wasm module's bytes. */
  jsvError: ivm.Copy<ArrayBuffer>;
  /** `pyodide-lock.json` text. */
  lockfile: string;
  /** JSON `{ relative path: source }` of runscript's Python files (written only by the image build). */
  pythonFiles: string;
  /** Image build only: Python run after boot, before the snapshot is taken; null in a sandbox. */
  warmup: string | null;
  /** This sandbox's `WebAssembly.Memory` (zeroed, or brand new), never used by another live isolate. */
  memory: ivm.Copy<WebAssembly.Memory>;
  /** `() => void`: the host writes the snapshot's memory image into `memory` (null: image build). */
  restoreMemory: ivm.Reference<unknown> | null;
  /** The recorded function-table layout, JSON (null: the image build, which records it). */
  linkPlan: string | null;
  /** The module that fills the table's JavaScript slots (null: image build). */
  jsSlotModule: ivm.Copy<WebAssembly.Module> | null;
  /** Names of the exports resolved on first use, sorted and concatenated (null: image build). */
  lazyExportNames: string | null;
  /** Their numbers: u32 count, u32 name ends, i32 entries (lazy-exports.bin; null: image build). */
  lazyExportTable: ivm.Copy<ArrayBuffer> | null;
  /** `(phase) => void`: records a boot phase (null unless the boot is profiled). */
  mark: ivm.Reference<unknown> | null;
}

/** `run(args)` of the Python prelude: runs one script in the booted interpreter. */
export interface PythonRunArgs {
  code: string;
  memoryBytes: number;
  maxOutputBytes: number;
  maxResultBytes: number;
  /** The SharedArrayBuffer the process writes SIGINT (2) into at the deadline. */
  interruptBuffer: ivm.Copy<SharedArrayBuffer>;
  /** Set as `AWS_DEFAULT_REGION` and `AWS_REGION` in `os.environ` before the script runs. */
  defaultRegion: string | null;
}

/** `run(args)` of the JavaScript runtime (the script itself is compiled separately). */
export interface JavaScriptRunArgs {
  maxOutputBytes: number;
  maxResultBytes: number;
}

/**
 * Builds `fields` as one object inside `context` and returns it ready to pass as an argument
 * (`fn.apply(undefined, [namedArgs(context, fields)], ...)`).
 */
export function namedArgs<T extends object>(context: ivm.Context, fields: T): ivm.Dereference<T> {
  const target = context.evalSync("({})", { reference: true }) as ivm.Reference<Record<string, IsolateArg>>;
  for (const [name, value] of Object.entries(fields) as [string, IsolateArg | undefined][]) {
    if (value !== undefined) target.setSync(name, value);
  }
  return target.derefInto({ release: true }) as unknown as ivm.Dereference<T>;
}

/**
 * Evaluates a runtime (one function expression: the prelude or the JavaScript runtime) in `context`
 * and calls it with the host functions; returns a reference to the entry points it gives back.
 */
export async function setUpRuntime(
  context: ivm.Context,
  source: string,
  filename: string,
  host: RuntimeHostFunctions,
): Promise<ivm.Reference<Record<string, unknown>>> {
  const factory = (await context.eval(source, { reference: true, filename })) as ivm.Reference<unknown>;
  try {
    return (await factory.apply(undefined, [namedArgs(context, host)], {
      result: { reference: true },
    })) as ivm.Reference<Record<string, unknown>>;
  } finally {
    factory.release();
  }
}
