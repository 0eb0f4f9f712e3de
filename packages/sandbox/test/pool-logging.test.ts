/**
 * The pool logs every sandbox-process lifecycle event with the process's pid, why it happened and
 * the figures behind it: spawn, ready (boot ms, RSS), recycle (runs), exit (code/signal), kill.
 * The test waits for the events themselves, never for time.
 */
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, SandboxPool } from "../src/index.js";

type Event = Record<string, unknown> & { event: string };
const events: Event[] = [];
const waiters: { match: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      const e = JSON.parse(line) as Event;
      events.push(e);
      for (const w of waiters.splice(0)) {
        if (w.match(e)) w.resolve(e);
        else waiters.push(w);
      }
    }
    done();
  },
});
/** The first event (already logged or still to come) that matches. */
function eventWhere(match: (e: Event) => boolean): Promise<Event> {
  const seen = events.find(match);
  return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
}

let pool: SandboxPool;
beforeAll(async () => {
  pool = await SandboxPool.start(
    { size: 1, maxRunsPerProcess: 1, sparesPerProcess: 1 },
    { logger: pino({ level: "info" }, sink) },
  );
});
afterAll(async () => {
  await pool.close();
});

it("logs spawn, readiness with boot figures, recycling after maxRunsPerProcess, and the exit", async () => {
  const [first] = pool.pids();
  expect(first).toBeGreaterThan(0);
  expect(await eventWhere((e) => e.event === "sandbox_process_spawned" && e.pid === first)).toBeDefined();
  const ready = await eventWhere((e) => e.event === "sandbox_ready" && e.pid === first);
  expect(ready).toMatchObject({ component: "sandbox-pool", runs: 0 });
  expect(ready.bootMs).toEqual(expect.any(Number));
  expect(ready.rssMiB).toBeGreaterThan(0);

  const r = await pool.run({ code: "return 1", language: "javascript", limits: DEFAULT_LIMITS });
  expect(r.status).toBe("success");
  expect(await eventWhere((e) => e.event === "sandbox_process_recycled" && e.pid === first)).toMatchObject({
    why: "max_runs",
    runs: 1,
    maxRunsPerProcess: 1,
  });
  expect(await eventWhere((e) => e.event === "sandbox_process_exited" && e.pid === first)).toMatchObject({
    code: expect.any(Number),
    runs: 1,
  });
});

it("logs a process that died under a run with its signal", async () => {
  const victim = pool.run({
    code: "import _runscript_host\n_runscript_host.call_sync('{}')",
    limits: DEFAULT_LIMITS,
    hostCall: async () => {
      // The run is in progress in this process: kill it from outside.
      for (const pid of pool.pids()) process.kill(pid, "SIGKILL");
      return new Promise<string>(() => undefined);
    },
  });
  const r = await victim;
  expect(r.error?.type).toBe("SandboxCrashed");
  expect(
    await eventWhere((e) => e.event === "sandbox_process_exited" && e.signal === "SIGKILL"),
  ).toMatchObject({
    pid: expect.any(Number),
  });
});
