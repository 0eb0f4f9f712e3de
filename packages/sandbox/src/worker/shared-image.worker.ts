/**
 * The image as a sandbox process holds it: process-wide, read-only state shared by every sandbox the
 * process boots (the compiled wasm modules, the glue's V8 code cache, the recorded function-table
 * layout, the stdlib/snapshot bytes), plus the pool of wasm memories (see
 * `wasm-memory-pool.worker.ts` for why a recycled memory is as fresh as a new one).
 */
import ivm from "isolated-vm";
import type { SandboxImageFiles } from "../shared/image.js";
import { WasmMemoryPool } from "./wasm-memory-pool.worker.js";

/** Memories kept for reuse per process beyond those in use (each holds the snapshot's size of RSS). */
export const IDLE_MEMORIES_PER_PROCESS = 2;

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
  /** The exports sandboxes resolve on first use: names and their table (null while building the image). */
  readonly lazyExports: { names: string; table: ivm.ExternalCopy<ArrayBuffer> } | null;
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
    this.lazyExports = files.lazyExports ? splitLazyExports(files.lazyExports) : null;
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

/** lazy-exports.bin (sandbox-images/fast-boot.mjs): u32 count, u32 ends, i32 entries, ASCII names. */
function splitLazyExports(bytes: Uint8Array): { names: string; table: ivm.ExternalCopy<ArrayBuffer> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tableBytes = 4 + view.getUint32(0, true) * 8;
  if (tableBytes > bytes.byteLength) throw new Error("sandbox image: lazy-exports.bin is truncated");
  return {
    names: Buffer.from(bytes.subarray(tableBytes)).toString("latin1"),
    table: new ivm.ExternalCopy(toArrayBuffer(bytes.subarray(0, tableBytes))),
  };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
