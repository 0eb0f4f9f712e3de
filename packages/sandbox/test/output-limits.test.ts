import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

describe("output cap", () => {
  it("truncates stdout+stderr at the cap with a marker and lets the run finish", async () => {
    const r = await runIn(pool, "for i in range(100000):\n    print('x' * 100)\n'done'", {
      maxOutputBytes: 10_000,
    });
    expect(r.status).toBe("success");
    expect(r.result).toBe("done");
    expect(r.truncated.stdout).toBe(true);
    expect(r.stdout).toContain("[runscript: output truncated at the 10000-byte limit]");
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(10_000 + 200);
  });

  it("shares the cap between stdout and stderr", async () => {
    const r = await runIn(pool, "import sys\nprint('a' * 6000)\nprint('b' * 6000, file=sys.stderr)", {
      maxOutputBytes: 8_000,
    });
    expect(r.truncated.stderr).toBe(true);
    expect(r.stdout.length + r.stderr.length).toBeLessThan(8_000 + 200);
  });
});

describe("result cap", () => {
  it("ends with result_limit when the serialized result is too large", async () => {
    const r = await runIn(pool, "['x' * 1000] * 5000", { maxResultBytes: 100_000 });
    expect(r.status).toBe("result_limit");
    expect(r.result).toBeNull();
    expect(r.error?.message).toContain("100000-byte limit");
  });

  it("a script raising its own exception named ResultTooLarge is a plain error", async () => {
    const r = await runIn(pool, "class ResultTooLarge(Exception): pass\nraise ResultTooLarge('mine')");
    expect(r.status).toBe("error");
  });
});
