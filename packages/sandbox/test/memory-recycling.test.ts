/**
 * A sandbox process recycles Pyodide's wasm memory between runs (zeroed, then restored from the
 * snapshot; see src/wasm-memory-pool.ts). These tests prove that nothing of run A survives into run
 * B's memory, including writes run A tries to make after it returned, in a pool of one process (so
 * run B gets run A's memory whenever it can be recycled).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

/**
 * Python that counts a marker in the whole wasm memory. The scan runs in JavaScript and gets the
 * marker XOR 0x5a, so the marker's bytes never exist in the scanned memory because of the scan itself.
 */
const countInMemory = `
import js, pyodide_js
_scan = js.eval("""(heap, keyHex) => {
  const key = keyHex.match(/../g).map((h) => parseInt(h, 16) ^ 0x5a);
  let count = 0;
  outer: for (let i = heap.indexOf(key[0]); i !== -1 && i + key.length <= heap.length; i = heap.indexOf(key[0], i + 1)) {
    for (let j = 1; j < key.length; j++) if (heap[i + j] !== key[j]) continue outer;
    count++;
  }
  return count;
}""")
def count_in_memory(key_hex):
    return _scan(pyodide_js._module.HEAPU8, key_hex)
`;

/** The marker XOR 0x5a, hex: what run B passes to `count_in_memory`. */
function scanKey(marker: string): string {
  return Buffer.from(Buffer.from(marker).map((b) => b ^ 0x5a)).toString("hex");
}

/** Python that hashes the whole wasm memory as the script starts (before it allocates anything). */
const hashMemory = `
import pyodide_js, hashlib
_h = hashlib.sha256(pyodide_js._module.HEAPU8.slice(0, 1 << 16).to_py()).hexdigest()
_n = pyodide_js._module.HEAPU8.length
[_n, _h]
`;

it("run B's memory holds nothing run A wrote: heap, freed heap, or untouched pages past the heap", async () => {
  const marker = `RECYCLE${randomBytes(12).toString("hex")}`;
  const a = await runIn(
    pool,
    `
import pyodide_js
needle = b"${marker}"
kept = bytearray(needle * 50_000)
freed = bytearray(needle * 50_000)
del freed
heap = pyodide_js._module.HEAPU8
end = heap.length
# pages past the heap top (zero in the snapshot, so a restore never writes them)
for offset in range(end - (1 << 20), end - len(needle), 65536):
    heap.subarray(offset, offset + len(needle)).assign(needle)
"ok"
`,
  );
  expect(a).toMatchObject({ status: "success", result: "ok" });
  const b = await runIn(pool, `${countInMemory}\ncount_in_memory("${scanKey(marker)}")`);
  expect(b).toMatchObject({ status: "success", result: 0 });
});

it("a task run A leaves behind cannot write into run B's memory after run A returned", async () => {
  const marker = `LATE${randomBytes(12).toString("hex")}`;
  // Run A arms a timer, busy-waits until the host has fired it (so the timer callback is queued in its
  // isolate behind the run), then returns. The callback then writes the marker for 1.5 s (less than
  // the 2 s its isolate is given to drain) and re-arms itself.
  const a = await runIn(
    pool,
    `
import js, time, pyodide_js
js.eval("""
globalThis.__late = (heap, needle) => {
  const bytes = new TextEncoder().encode(needle);
  const write = () => { for (let o = 1 << 16; o + bytes.length < heap().length; o += 1 << 20) heap().set(bytes, o); };
  const tick = () => { const until = Date.now() + 1500; while (Date.now() < until) write(); setTimeout(tick, 0); };
  setTimeout(tick, 0);
};
""")
js.__late(lambda: pyodide_js._module.HEAPU8, "${marker}")
until = time.time() + 0.2
while time.time() < until:
    pass
"left running"
`,
  );
  expect(a).toMatchObject({ status: "success", result: "left running" });
  const b = await runIn(
    pool,
    `${countInMemory}
import time
seen = 0
for _ in range(20):
    seen += count_in_memory("${scanKey(marker)}")
    time.sleep(0.05)
seen
`,
  );
  expect(b).toMatchObject({ status: "success", result: 0 });
});

it("a memory that grew is not recycled: the next run starts at the snapshot's size", async () => {
  const first = await runIn(pool, hashMemory);
  expect(first.status).toBe("success");
  const [snapshotSize] = first.result as [number, string];
  const grow = await runIn(
    pool,
    "x = bytearray(96 * 1024 * 1024)\nimport pyodide_js\npyodide_js._module.HEAPU8.length",
  );
  expect(grow.status).toBe("success");
  expect(grow.result as number).toBeGreaterThan(snapshotSize);
  const after = await runIn(pool, hashMemory);
  expect(after).toMatchObject({ status: "success" });
  expect((after.result as [number, string])[0]).toBe(snapshotSize);
});

it("a script starts on the same memory whether its memory is new or recycled", async () => {
  // Three runs in one process: the memory is recycled between them (unless one could not drain);
  // the first 64 KiB (C globals, the stack) read the same at script start every time.
  const hashes = [];
  for (let i = 0; i < 3; i++) {
    const r = await runIn(pool, hashMemory);
    expect(r.status).toBe("success");
    hashes.push((r.result as [number, string])[1]);
  }
  expect(new Set(hashes).size).toBe(1);
});
