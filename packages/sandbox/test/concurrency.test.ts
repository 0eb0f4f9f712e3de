import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, SandboxError, type SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 2, maxQueue: 20 });
});
afterAll(async () => {
  await pool.close();
});

it("runs many scripts at once up to the pool size, queueing the rest, each with its own result", async () => {
  const runs = Array.from({ length: 10 }, (_, i) =>
    runIn(pool, `import time\ntime.sleep(0.05)\n${i} * ${i}`),
  );
  const results = await Promise.all(runs);
  expect(results.map((r) => r.result)).toEqual(Array.from({ length: 10 }, (_, i) => i * i));
});

it("replaces a sandbox process that dies mid-run and keeps serving", async () => {
  const victim = runIn(pool, "import time\ntime.sleep(20)");
  while (pool.stats().busy === 0) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  const killed = pool.pids();
  for (const pid of killed) process.kill(pid, "SIGKILL");
  const r = await victim;
  expect(r.status).toBe("error");
  expect(r.error?.type).toBe("SandboxCrashed");
  // Both processes were killed; the pool replaces them.
  while (pool.pids().some((pid) => killed.includes(pid)) || pool.stats().ready === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const after = await runIn(pool, "'back'");
  expect(after.result).toBe("back");
  expect(pool.stats().processesStarted).toBeGreaterThanOrEqual(4);
});

it("rejects fast when the queue is full", async () => {
  const small = await startPool({ size: 1, maxQueue: 1 });
  try {
    const first = runIn(small, "import time\ntime.sleep(1)");
    const second = runIn(small, "1");
    await new Promise((r) => setTimeout(r, 50));
    await expect(small.run({ code: "2", limits: DEFAULT_LIMITS })).rejects.toMatchObject({
      code: "QUEUE_FULL",
    });
    await Promise.all([first, second]);
  } finally {
    await small.close();
  }
  expect(SandboxError).toBeDefined();
});

it("keeps sparesPerProcess Python sandboxes booted ahead of demand, and reports them", async () => {
  const ahead = await startPool({ size: 1, sparesPerProcess: 3 });
  try {
    // The pool starts once one spare is ready; the process boots the rest while idle.
    while (ahead.stats().sparesReady < 3) await new Promise((r) => setTimeout(r, 50));
    const before = ahead.stats();
    expect(before).toMatchObject({ sparesReady: 3, ready: 1 });
    expect(before.bootP50Ms).toBeGreaterThan(0);
    expect(before.processRssBytes).toBeGreaterThan(0);
    // Three runs one after another each take a spare that was already booted.
    for (let i = 0; i < 3; i++) expect(await runIn(ahead, `${i} + 1`)).toMatchObject({ result: i + 1 });
    while (ahead.stats().sparesReady < 3) await new Promise((r) => setTimeout(r, 50));
    expect(ahead.stats().runs).toBe(3);
  } finally {
    await ahead.close();
  }
});

it("rejects invalid limits as INVALID_REQUEST", async () => {
  await expect(pool.run({ code: "1", limits: { ...DEFAULT_LIMITS, timeoutMs: -1 } })).rejects.toMatchObject({
    code: "INVALID_REQUEST",
  });
});

it("recycles processes after maxRunsPerProcess without leaking any (regression: double replacement)", async () => {
  const small = await startPool({ size: 2, maxRunsPerProcess: 2 });
  try {
    const children = () => {
      const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)], { encoding: "utf8" });
      return out.trim().split("\n").filter(Boolean).length - 1; // minus ps itself
    };
    const before = children();
    for (let i = 0; i < 12; i++) {
      const r = await small.run({ code: "return 1", language: "javascript", limits: DEFAULT_LIMITS });
      expect(r.status).toBe("success");
    }
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(small.pids()).toHaveLength(2);
    expect(children()).toBeLessThanOrEqual(before);
    expect(small.stats().processesStarted).toBeGreaterThanOrEqual(6);
  } finally {
    await small.close();
  }
});
