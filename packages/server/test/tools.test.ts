/**
 * The MCP tools over the SDK's in-memory transport, on a RunService built from fakes (a scripted
 * runner, a scripted AWS caller) and a manual clock: what a client sees for a run, a long run that
 * becomes a task, a bad region, and how invocations are classified for metrics. No sandbox, no AWS,
 * no sleeps.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { AwsBridgeError, type BridgeResponse } from "@runscript/aws-bridge";
import type { RunRecord, RunRequest } from "@runscript/runner";
import { ManualClock } from "@runscript/runner/testing";
import type { PoolStats } from "@runscript/sandbox";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AwsCaller,
  createMcpServer,
  InMemoryTaskStore,
  type InvocationEvent,
  parseConfig,
  QuotaGate,
  RunScriptOutputSchema,
  RunService,
  ServerMetrics,
} from "../src/index.js";

const config = parseConfig({
  principals: [
    { name: "agent", token: "agent-token-0123456789", quotas: { concurrentRuns: 1, runsPerMinute: 100 } },
  ],
  tasks: { thresholdMs: 5_000, ttlMs: 60_000 },
  log: { level: "silent" },
});
const principal =
  config.principals[0] ??
  (() => {
    throw new Error("no principal");
  })();

const STATS: PoolStats = {
  size: 1,
  ready: 1,
  busy: 0,
  booting: 0,
  queued: 0,
  runs: 0,
  processesStarted: 1,
  lastBootMs: 0,
  sparesReady: 1,
  sparesBooting: 0,
  bootP50Ms: 0,
  processRssBytes: 0,
};

function recordFor(request: RunRequest, result: unknown = 42): RunRecord {
  return {
    status: "success",
    result: result as RunRecord["result"],
    stdout: "hi\n",
    stderr: "",
    error: null,
    durationMs: 5,
    truncated: { stdout: false, stderr: false },
    run_id: request.runId ?? "run",
    api_calls: [],
  };
}

/** A runner whose runs the test finishes (or fails) when it wants. */
class ScriptedRunner {
  readonly requests: RunRequest[] = [];
  #pending: { resolve: (r: RunRecord) => void; reject: (e: unknown) => void; request: RunRequest }[] = [];
  #started: (() => void)[] = [];
  run(request: RunRequest): Promise<RunRecord> {
    this.requests.push(request);
    for (const wake of this.#started.splice(0)) wake();
    return new Promise((resolve, reject) => this.#pending.push({ resolve, reject, request }));
  }
  /** Resolves when a run has started. */
  started(): Promise<void> {
    return this.#pending.length ? Promise.resolve() : new Promise((r) => this.#started.push(r));
  }
  finish(result?: unknown): void {
    const p = this.#pending.shift();
    p?.resolve(recordFor(p.request, result));
  }
  fail(error: unknown): void {
    this.#pending.shift()?.reject(error);
  }
}

let clients: Client[] = [];
afterEach(async () => {
  for (const c of clients) await c.close();
  clients = [];
});

async function setUp(
  aws: AwsCaller = {
    forRun: () => {
      throw new Error("no AWS in this test");
    },
  },
) {
  const clock = new ManualClock();
  const runner = new ScriptedRunner();
  const metrics = new ServerMetrics(() => STATS);
  const events: InvocationEvent[] = [];
  metrics.onInvocation((e) => events.push(e));
  const service = new RunService({
    config,
    runner,
    aws,
    tasks: new InMemoryTaskStore(clock),
    quotas: new QuotaGate(),
    metrics,
    logger: pino({ level: "silent" }),
    clock,
  });
  const internal: unknown[] = [];
  const server = createMcpServer(service, principal, config, (e) => internal.push(e), {
    docs: () => Promise.reject(new Error("no docs in this test")),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "test", version: "1" });
  await client.connect(clientSide);
  clients.push(client);
  return { clock, runner, client, events, internal };
}

const structured = (r: unknown) => (r as { structuredContent: Record<string, unknown> }).structuredContent;
const text = (r: unknown) => (r as { content: { text: string }[] }).content[0]?.text ?? "";

describe("run_script", () => {
  it("runs through the Runner with the principal, limits and region, and answers with the run's record", async () => {
    const { runner, client, events } = await setUp();
    const call = client.callTool({
      name: "run_script",
      arguments: { code: "6 * 7", timeout_seconds: 2, region: "eu-west-1" },
    });
    await runner.started();
    runner.finish(42);
    const r = await call;
    expect(r.isError).toBe(false);
    const s = structured(r);
    expect(s).toMatchObject({ status: "success", result: 42, stdout: "hi\n", api_calls: [] });
    expect(() => RunScriptOutputSchema.run_id.parse(s.run_id)).not.toThrow();
    expect(text(r)).toContain("status: success");
    const request = runner.requests[0];
    expect(request).toMatchObject({
      principal: { name: "agent", readOnly: true },
      code: "6 * 7",
      defaultRegion: "eu-west-1",
      limits: { ...config.limits.defaults, timeoutMs: 2000 },
    });
    expect(request?.principal).not.toHaveProperty("tokenSha256");
    expect(events).toMatchObject([{ tool: "run_script", status: "success", outcome: "Success" }]);
  });

  it("turns a run still going at the threshold into a task, and stores its record when it ends", async () => {
    const { clock, runner, client } = await setUp();
    const call = client.callTool({ name: "run_script", arguments: { code: "long()" } });
    await runner.started();
    expect(clock.pending).toBe(1);
    clock.advance(config.tasks.thresholdMs);
    const r = await call;
    const s = structured(r);
    expect(s.status).toBe("running");
    const taskId = String(s.task_id);
    const running = structured(await client.callTool({ name: "get_task", arguments: { task_id: taskId } }));
    expect(running.status).toBe("running");
    runner.finish("late");
    // The task record is written after the run settles; poll the store through the tool.
    let done: Record<string, unknown> = running;
    while (done.status !== "done") {
      done = structured(await client.callTool({ name: "get_task", arguments: { task_id: taskId } }));
    }
    expect(done.result).toMatchObject({ status: "success", result: "late" });
  });

  it("refuses a region the bridge does not know as an invalid argument", async () => {
    const { runner, client, events, internal } = await setUp();
    const call = client.callTool({ name: "run_script", arguments: { code: "1", region: "mars-north-1" } });
    await runner.started();
    runner.fail(new AwsBridgeError("InvalidRegion", "'mars-north-1' is not an AWS region name"));
    const r = await call;
    expect(r.isError).toBe(true);
    expect(text(r)).toBe("region 'mars-north-1' is not an AWS region name");
    expect(internal).toEqual([]);
    expect(events).toMatchObject([{ status: "INVALID_ARGUMENT", outcome: "UserError" }]);
  });

  it("refuses a run over the principal's concurrency quota, reported as Throttle", async () => {
    const { runner, client, events } = await setUp();
    const first = client.callTool({ name: "run_script", arguments: { code: "1" } });
    await runner.started();
    const second = await client.callTool({ name: "run_script", arguments: { code: "2" } });
    expect(second.isError).toBe(true);
    expect(text(second)).toContain("quota");
    runner.finish(1);
    await first;
    expect(events.map((e) => e.outcome)).toEqual(["Throttle", "Success"]);
  });
});

describe("call_aws", () => {
  it("classifies throttling by its code, not its message", async () => {
    const answers: BridgeResponse[] = [
      {
        ok: false,
        error: {
          code: "ThrottlingException",
          message: "Rate exceeded",
          httpStatus: 400,
          requestId: null,
          operation: null,
        },
      },
      {
        ok: false,
        error: {
          code: "NoSuchBucket",
          message: "Throttling in the name",
          httpStatus: 404,
          requestId: null,
          operation: null,
        },
      },
      {
        ok: false,
        error: { code: "InternalError", message: "x", httpStatus: 500, requestId: null, operation: null },
      },
      { ok: true, value: {} },
    ];
    const aws: AwsCaller = {
      forRun: () => ({ call: async () => answers.shift() ?? { ok: true, value: {} }, calls: () => [] }),
    };
    const { client, events } = await setUp(aws);
    for (let i = 0; i < 4; i++)
      await client.callTool({ name: "call_aws", arguments: { service: "s3", operation: "ListBuckets" } });
    expect(events.map((e) => e.outcome)).toEqual(["Throttle", "UserError", "SystemError", "Success"]);
  });
});
