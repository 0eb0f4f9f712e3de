/** Exceeding memory gives `memory_limit`, never an out-of-memory crash of the server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxPool } from "../src/index.js";
import { MiB, runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

describe.each([
  ["a 512 MiB bytearray", "x = bytearray(512 * 1024 * 1024)"],
  ["'a' * 10**9", "x = 'a' * 10**9"],
  ["a growing list", "x = []\nwhile True:\n    x.append(bytearray(1024 * 1024))"],
  [
    "a JavaScript heap bomb through js",
    "import js\njs.eval('const a = []; while (true) a.push(new Array(1e6).fill(1.5))')",
  ],
  ["its own WebAssembly memory", "import js\nm = js.WebAssembly.Memory.new(js.eval('({initial: 16000})'))"],
])("%s", (_name, code) => {
  it("ends with status memory_limit and the next run works", async () => {
    const r = await runIn(pool, code, { memoryBytes: 128 * MiB, timeoutMs: 20_000 });
    expect(r.status).toBe("memory_limit");
    expect(r.error?.type).toBe("MemoryError");
    const next = await runIn(pool, "sum(range(10))");
    expect(next).toMatchObject({ status: "success", result: 45 });
  });
});

it("allows memory up to the cap", async () => {
  const r = await runIn(pool, "x = bytearray(64 * 1024 * 1024)\nlen(x)", { memoryBytes: 128 * MiB });
  expect(r).toMatchObject({ status: "success", result: 64 * MiB });
});
