/**
 * Cancellation: aborting a run's signal stops it promptly (its isolate is killed, the process slot
 * is free for the next run) and the result says `cancelled`; a run aborted while queued never starts.
 * The abort is triggered by the script itself reaching the host (a host call), so nothing here waits
 * on wall-clock time.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, type SandboxPool } from "../src/index.js";
import { startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

const limits = { ...DEFAULT_LIMITS, timeoutMs: 60_000 };

it.each([
  ["python", "import _runscript_host\n_runscript_host.call_sync('started')\nwhile True:\n    pass"],
  ["javascript", "await aws.call('s3', 'ListBuckets').catch(() => null); while (true) {}"],
] as const)("stops a running %s script when its signal aborts", async (language, code) => {
  const controller = new AbortController();
  const r = await pool.run({
    code,
    language,
    limits,
    signal: controller.signal,
    hostCall: async () => {
      controller.abort();
      return JSON.stringify({ ok: true, value: null });
    },
  });
  expect(r.status).toBe("cancelled");
  expect(r.error?.type).toBe("Cancelled");
  // The slot is free again: the next run is served.
  const next = await pool.run({ code: "'next'", limits: DEFAULT_LIMITS });
  expect(next.result).toBe("next");
});

it("does not start a run whose signal is already aborted, or that is aborted while queued", async () => {
  const pre = await pool.run({ code: "1", limits: DEFAULT_LIMITS, signal: AbortSignal.abort() });
  expect(pre.status).toBe("cancelled");

  const blocker = new AbortController();
  const queued = new AbortController();
  let queuedRun: Promise<unknown> | null = null;
  const first = pool.run({
    code: "import _runscript_host\n_runscript_host.call_sync('started')\nwhile True:\n    pass",
    limits,
    signal: blocker.signal,
    hostCall: async () => {
      // The only process is busy with this run: the next one queues, is aborted, then this one.
      queuedRun = pool.run({ code: "'never'", limits: DEFAULT_LIMITS, signal: queued.signal });
      queued.abort();
      blocker.abort();
      return "{}";
    },
  });
  expect((await first).status).toBe("cancelled");
  expect(await queuedRun).toMatchObject({ status: "cancelled", result: null });
});
