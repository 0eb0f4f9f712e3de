/**
 * A timeout stops the script even when Python ignores interrupts: cooperative KeyboardInterrupt
 * first, then a hard kill of the isolate, then (server side) SIGKILL of the sandbox process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1, hardKillGraceMs: 300 });
});
afterAll(async () => {
  await pool.close();
});

const TIMEOUT = 800;
// Generous upper bound (timeout + grace + watchdog slack + a boot); the point is that it ends at all.
const ENDS_WITHIN = TIMEOUT + 300 + 2_000 + 5_000;

describe.each([
  ["a pure-Python loop", "while True:\n    pass"],
  ["time.sleep", "import time\ntime.sleep(30)"],
  [
    "a loop that swallows KeyboardInterrupt",
    "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass",
  ],
  [
    "a script that clears the interrupt buffer",
    "import pyodide_js\npyodide_js.setInterruptBuffer(None)\nwhile True:\n    pass",
  ],
  ["catastrophic regex backtracking", "import re\nre.match(r'(a+)+$', 'a' * 40 + 'b')"],
  ["a JavaScript busy loop reached through js", "import js\njs.eval('while (true) {}')"],
])("%s", (_name, code) => {
  it("ends with status timeout and the sandbox keeps serving", async () => {
    const started = performance.now();
    const r = await runIn(pool, `print('started')\n${code}`, { timeoutMs: TIMEOUT });
    expect(r.status).toBe("timeout");
    expect(r.error?.type).toBe("TimeoutError");
    expect(r.stdout).toContain("started");
    expect(performance.now() - started).toBeLessThan(ENDS_WITHIN);
    const next = await runIn(pool, "'still alive'");
    expect(next).toMatchObject({ status: "success", result: "still alive" });
  });
});
