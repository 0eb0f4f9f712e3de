/**
 * The Runner through its ports, with fakes: what it hands the bridge and the pool for one run, and
 * the record it returns. No sandbox, no AWS, no sleeps.
 */
import type { PoolRunRequest, RunResult } from "@runscript/sandbox";
import { DEFAULT_LIMITS } from "@runscript/sandbox";
import { describe, expect, it } from "vitest";
import { type CallBridge, type RunCalls, Runner, RunRecordSchema } from "../src/index.js";
import { ManualClock } from "../src/testing.js";

const RESULT: RunResult = {
  status: "success",
  result: 2,
  stdout: "",
  stderr: "",
  error: null,
  durationMs: 1,
  truncated: { stdout: false, stderr: false },
};

function fakes() {
  const seen: { forRun: Parameters<CallBridge["forRun"]>[0][]; pool: PoolRunRequest[]; payloads: string[] } =
    {
      forRun: [],
      pool: [],
      payloads: [],
    };
  const bridge: CallBridge = {
    forRun(context) {
      seen.forRun.push(context);
      const calls: RunCalls = {
        defaultRegion: context.defaultRegion ?? "us-east-1",
        maxRequestBytes: 4096,
        handle: async (payload) => {
          seen.payloads.push(payload);
          return '{"ok":true,"value":null}';
        },
        calls: () => [
          {
            service: "s3",
            operation: "ListBuckets",
            region: "eu-west-3",
            status: "success",
            durationMs: 3,
            errorCode: null,
          },
        ],
      };
      return calls;
    },
  };
  const pool = {
    async run(request: PoolRunRequest): Promise<RunResult> {
      seen.pool.push(request);
      // The script makes one host call, as a sandbox would.
      await request.hostCall?.('{"op":"aws.call"}');
      return RESULT;
    },
  };
  return { seen, bridge, pool };
}

describe("Runner", () => {
  it("hands the run's region, budget and request limit to the bridge and the pool, and returns one record", async () => {
    const { seen, bridge, pool } = fakes();
    const signal = new AbortController().signal;
    const record = await new Runner({ pool, bridge, clock: new ManualClock() }).run({
      principal: { name: "agent", readOnly: true },
      code: "1 + 1",
      limits: DEFAULT_LIMITS,
      defaultRegion: "eu-west-3",
      awsBudget: { maxCalls: 5 },
      signal,
      runId: "run-1",
    });
    expect(seen.forRun).toEqual([
      {
        principal: { name: "agent", readOnly: true },
        runId: "run-1",
        defaultRegion: "eu-west-3",
        limits: { maxCalls: 5 },
      },
    ]);
    const request = seen.pool[0];
    expect(request).toMatchObject({
      code: "1 + 1",
      language: "python",
      limits: DEFAULT_LIMITS,
      runId: "run-1",
      defaultRegion: "eu-west-3",
      maxHostCallBytes: 4096,
      signal,
    });
    // Host calls go to this run's bridge, unchanged (no payload rewriting).
    expect(seen.payloads).toEqual(['{"op":"aws.call"}']);
    expect(RunRecordSchema.parse(record)).toEqual({
      ...RESULT,
      run_id: "run-1",
      api_calls: [
        {
          service: "s3",
          operation: "ListBuckets",
          region: "eu-west-3",
          status: "success",
          durationMs: 3,
          errorCode: null,
        },
      ],
    });
  });

  it("uses the bridge's default region when the run names none, and makes a run id", async () => {
    const { seen, bridge, pool } = fakes();
    const record = await new Runner({ pool, bridge }).run({
      principal: { name: "agent" },
      code: "return 1",
      language: "javascript",
      limits: DEFAULT_LIMITS,
    });
    expect(seen.forRun[0]?.defaultRegion).toBeUndefined();
    expect(seen.pool[0]).toMatchObject({ defaultRegion: "us-east-1", language: "javascript" });
    expect(record.run_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.pool[0]?.runId).toBe(record.run_id);
  });

  it("lets a host fault of the bridge or the pool reach the caller with its own error", async () => {
    const { bridge } = fakes();
    const refusing: CallBridge = {
      forRun() {
        throw Object.assign(new Error("not a region"), { code: "InvalidRegion" });
      },
    };
    const pool = { run: async () => RESULT };
    await expect(
      new Runner({ pool, bridge: refusing }).run({
        principal: { name: "a" },
        code: "1",
        limits: DEFAULT_LIMITS,
      }),
    ).rejects.toMatchObject({ code: "InvalidRegion" });
    const full = {
      run: async () => {
        throw Object.assign(new Error("busy"), { code: "QUEUE_FULL" });
      },
    };
    await expect(
      new Runner({ pool: full, bridge }).run({ principal: { name: "a" }, code: "1", limits: DEFAULT_LIMITS }),
    ).rejects.toMatchObject({ code: "QUEUE_FULL" });
  });
});

describe("ManualClock", () => {
  it("fires timers in order as time advances, and not before", () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b"), 20);
    clock.setTimeout(() => fired.push("a"), 10);
    const cancel = clock.setTimeout(() => fired.push("never"), 15);
    cancel();
    clock.advance(9);
    expect(fired).toEqual([]);
    clock.advance(11);
    expect(fired).toEqual(["a", "b"]);
    expect(clock.now()).toBe(20);
  });
});
