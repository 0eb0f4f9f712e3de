/**
 * Pyodide's wasm memories, recycled between sandboxes of one sandbox process (runs inside the
 * sandbox process only).
 *
 * Why: on these VMs the first write to a fresh 4 KiB page costs ~10 µs, so restoring the 30 MiB
 * snapshot into a brand-new memory costs 40-80 ms of page faults per boot. A memory whose pages were
 * already touched costs ~2 ms to zero and ~2 ms to overwrite.
 *
 * What makes a recycled memory as fresh as a new one (proved by `packages/sandbox/test/memory-recycling.test.ts`):
 * - it is handed out zeroed in full, so the new sandbox starts from the same all-zero memory a new
 *   `WebAssembly.Memory` has, then instantiation, C constructors and the snapshot restore write
 *   exactly what they write into a new memory;
 * - it is taken back only from a sandbox whose isolate was idle (its run returned, no bridge call or
 *   timer could enter it) and then disposed, so no code of the previous run can still write to it;
 * - it is taken back only at its original size (a memory that grew is dropped), and a killed,
 *   crashed or limit-hit sandbox's memory is dropped.
 */

const WASM_PAGE = 65536;

// (module (import "e" "m" (memory 0 65536 shared)) (func (export "z") (param i32 i32)
//   local.get 0 i32.const 0 local.get 1 memory.fill))
const ZERO_MODULE = new WebAssembly.Module(
  Buffer.from(
    "0061736d0100000001060160027f7f00020b010165016d0203008080040302010007050101" +
      "7a00000a0d010b00200041002001fc0b000b",
    "hex",
  ),
);

/** A memory handed to one sandbox. */
export interface PooledMemory {
  readonly memory: WebAssembly.Memory;
  /** True when its pages were used before (and zeroed), false for a brand-new memory. */
  readonly recycled: boolean;
}

export class WasmMemoryPool {
  readonly #bytes: number;
  readonly #maxPages: number;
  readonly #maxIdle: number;
  readonly #idle: WebAssembly.Memory[] = [];
  readonly #returning = new Set<Promise<void>>();
  readonly #zeroers = new WeakMap<WebAssembly.Memory, (offset: number, length: number) => void>();

  /**
   * @param pages size of every memory (the snapshot image's size, in 64 KiB pages)
   * @param maxPages the module's declared maximum (a shared memory must declare it)
   * @param maxIdle memories kept for reuse; more are dropped (each holds `pages` of RSS)
   */
  constructor(pages: number, maxPages: number, maxIdle: number) {
    this.#bytes = pages * WASM_PAGE;
    this.#maxPages = maxPages;
    this.#maxIdle = maxIdle;
  }

  /** Memories waiting for reuse. */
  get idle(): number {
    return this.#idle.length;
  }

  /**
   * A zeroed memory of the image's size: a recycled one when available (waiting for those on their way
   * back first), else a new one.
   */
  async take(): Promise<PooledMemory> {
    while (this.#idle.length === 0 && this.#returning.size > 0) await Promise.race(this.#returning);
    const memory = this.#idle.pop();
    if (!memory) {
      return {
        memory: new WebAssembly.Memory({
          initial: this.#bytes / WASM_PAGE,
          maximum: this.#maxPages,
          shared: true,
        }),
        recycled: false,
      };
    }
    this.#zeroer(memory)(0, this.#bytes);
    return { memory, recycled: true };
  }

  /**
   * Takes a memory back from a sandbox whose isolate is disposed and was idle when disposed. Dropped
   * when it grew or the pool is full.
   */
  give(memory: WebAssembly.Memory): boolean {
    if (memory.buffer.byteLength !== this.#bytes || this.#idle.length >= this.#maxIdle) return false;
    this.#idle.push(memory);
    return true;
  }

  /** A memory is on its way back (its sandbox is draining); `take()` waits for it rather than make one. */
  expect(returned: Promise<void>): void {
    const tracked: Promise<void> = returned
      .catch(() => undefined)
      .finally(() => this.#returning.delete(tracked));
    this.#returning.add(tracked);
  }

  #zeroer(memory: WebAssembly.Memory): (offset: number, length: number) => void {
    let zero = this.#zeroers.get(memory);
    if (!zero) {
      const instance = new WebAssembly.Instance(ZERO_MODULE, { e: { m: memory } });
      zero = instance.exports.z as (offset: number, length: number) => void;
      this.#zeroers.set(memory, zero);
    }
    return zero;
  }
}
