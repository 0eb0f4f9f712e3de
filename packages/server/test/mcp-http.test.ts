/**
 * The façade end to end, over the wire: the SDK's Client over Streamable HTTP against a real server
 * whose AWS calls go to local SigV4-verifying endpoints.
 */
import { createHash } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type LocalAws, startLocalAws } from "@runscript/aws-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, type RunscriptServer, startServer } from "../src/index.js";

const READER = "reader-token-0123456789abcdef";
const WRITER = "writer-token-0123456789abcdef";
const SOLO = "solo-token-0123456789abcdef00";
const sha = (t: string) => createHash("sha256").update(t).digest("hex");
let aws: LocalAws;
let server: RunscriptServer;

async function client(token?: string): Promise<Client> {
  const c = new Client({ name: "test", version: "1" });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await c.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }));
  return c;
}

type Structured = Record<string, unknown> & {
  status?: string;
  api_calls?: { service: string; status: string; errorCode: string | null }[];
};
const structured = (r: unknown) => (r as { structuredContent: Structured }).structuredContent;
const text = (r: unknown) => (r as { content: { text: string }[] }).content[0]?.text ?? "";

beforeAll(async () => {
  aws = await startLocalAws();
  await aws.seedBuckets(4);
  const account = aws.accountId;
  server = await startServer(
    parseConfig({
      listen: { host: "127.0.0.1", port: 0 },
      principals: [
        {
          name: "reader",
          tokenSha256: sha(READER),
          roleArn: `arn:aws:iam::${account}:role/reader`,
          readOnly: true,
        },
        { name: "writer", token: WRITER, roleArn: `arn:aws:iam::${account}:role/writer`, readOnly: false },
        { name: "solo", token: SOLO, readOnly: true, quotas: { concurrentRuns: 1, runsPerMinute: 100 } },
      ],
      pool: { size: 2 },
      aws: {
        endpoints: { s3: aws.endpoint, sts: aws.endpoint, cloudwatch: aws.endpoint },
        forcePathStyle: true,
      },
      tasks: { thresholdMs: 2500, ttlMs: 60_000 },
      metrics: { cloudwatch: { enabled: true, endpoint: aws.endpoint, flushIntervalMs: 200 } },
      log: { level: "silent" },
    }),
    { baseCredentials: async () => ({ ...aws.baseCredentials }), cloudwatchCredentials: aws.baseCredentials },
  );
});
afterAll(async () => {
  await server.close(1000);
  await aws.close();
});

describe("authentication", () => {
  it("refuses a request without a token or with an unknown one (401)", async () => {
    const variants: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-0000000000000" }];
    for (const headers of variants) {
      const res = await fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
    await expect(client()).rejects.toThrow();
  });
});

describe("tools", () => {
  it("lists run_script, call_aws, get_task, list_tasks with schemas and truthful annotations", async () => {
    const reader = await client(READER);
    const writer = await client(WRITER);
    const rt = (await reader.listTools()).tools;
    expect(rt.map((t) => t.name).sort()).toEqual([
      "call_aws",
      "describe_aws_operation",
      "get_task",
      "list_tasks",
      "run_script",
      "search_aws_api",
    ]);
    const run = rt.find((t) => t.name === "run_script");
    expect(run?.inputSchema.properties).toHaveProperty("code");
    expect(run?.outputSchema).toBeDefined();
    expect(run?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      openWorldHint: true,
    });
    expect(run?.description).toContain("call_boto3");
    // The agent learns which services exist from the description.
    expect(run?.description).toMatch(/AWS services installed \(boto3 names\): .*\bs3\b.*\bstepfunctions\b/);
    const wt = (await writer.listTools()).tools.find((t) => t.name === "run_script");
    expect(wt?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    await reader.close();
    await writer.close();
  });

  it("runs a script that calls AWS with the principal's assumed role", async () => {
    const c = await client(READER);
    aws.clearRequests();
    const r = await c.callTool({
      name: "run_script",
      arguments: {
        code: "import boto3\nsorted(b['Name'] for b in boto3.client('s3').list_buckets()['Buckets'])",
      },
    });
    expect(r.isError).toBe(false);
    const s = structured(r);
    expect(s.status).toBe("success");
    expect((s.result as string[]).length).toBe(4);
    expect(s.api_calls).toEqual([
      expect.objectContaining({ service: "s3", operation: "ListBuckets", status: "success" }),
    ]);
    expect(text(r)).toContain("1 AWS calls");
    const s3 = aws.requests().filter((q) => q.service === "s3");
    expect(s3.every((q) => q.credentialKind === "assumed" && q.roleArn?.endsWith("role/reader"))).toBe(true);
    await c.close();
  });

  it("reports a script failure as isError with the structured result", async () => {
    const c = await client(READER);
    const r = await c.callTool({ name: "run_script", arguments: { code: "raise ValueError('nope')" } });
    expect(r.isError).toBe(true);
    expect(structured(r)).toMatchObject({ status: "error", error: { type: "ValueError", message: "nope" } });
    expect(JSON.stringify(r)).not.toMatch(/\/work\/|node:internal/);
    await c.close();
  });

  it("rejects malformed arguments with a clear message", async () => {
    const c = await client(READER);
    const r = await c
      .callTool({ name: "run_script", arguments: { code: 42 } })
      .catch((e: Error) => ({ isError: true, content: [{ text: e.message }] }));
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/code/);
    const limit = await c
      .callTool({ name: "run_script", arguments: { code: "1", timeout_seconds: 100000 } })
      .catch((e: Error) => ({ isError: true, content: [{ text: e.message }] }));
    expect(limit.isError).toBe(true);
    await c.close();
  });

  it("call_aws makes one call; a write by a read-only principal is denied and never leaves the host", async () => {
    const c = await client(READER);
    const ok = await c.callTool({
      name: "call_aws",
      arguments: { service: "sts", operation: "get_caller_identity" },
    });
    expect(ok.isError).toBe(false);
    expect(structured(ok)).toMatchObject({ ok: true });
    aws.clearRequests();
    const denied = await c.callTool({
      name: "call_aws",
      arguments: { service: "s3", operation: "DeleteBucket", params: { Bucket: "x" } },
    });
    expect(denied.isError).toBe(true);
    expect(structured(denied)).toMatchObject({ ok: false, error: { code: "AccessDeniedByPolicy" } });
    expect(aws.requests().filter((q) => q.operation === "DeleteBucket")).toEqual([]);
    await c.close();
  });
});

describe("long-running tasks", () => {
  it("returns a task id past the threshold; the agent polls it to completion; others cannot see it", async () => {
    const c = await client(READER);
    const r = await c.callTool({
      name: "run_script",
      arguments: { code: "import time\ntime.sleep(4)\n'late'" },
    });
    const s = structured(r);
    expect(s.status).toBe("running");
    const taskId = s.task_id as string;
    expect(taskId).toMatch(/^task-/);
    let task = structured(await c.callTool({ name: "get_task", arguments: { task_id: taskId } }));
    for (let i = 0; i < 100 && task.status !== "done"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      task = structured(await c.callTool({ name: "get_task", arguments: { task_id: taskId } }));
    }
    expect(task).toMatchObject({ status: "done", result: { status: "success", result: "late" } });
    const listed = structured(await c.callTool({ name: "list_tasks", arguments: {} }));
    expect((listed.tasks as { task_id: string }[]).map((t) => t.task_id)).toContain(taskId);
    const other = await client(WRITER);
    const foreign = await other.callTool({ name: "get_task", arguments: { task_id: taskId } });
    expect(foreign.isError).toBe(true);
    await c.close();
    await other.close();
  });
});

describe("quotas and observability", () => {
  it("rejects fast with busy / retry-after when a principal's concurrency quota is used", async () => {
    const a = await client(SOLO);
    const b = await client(SOLO);
    let slowDone = false;
    const slow = a
      .callTool({ name: "run_script", arguments: { code: "import time\ntime.sleep(1.5)\n1" } })
      .then((x) => {
        slowDone = true;
        return x;
      });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const r = await b.callTool({ name: "run_script", arguments: { code: "2" } });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/busy.*retry after \d+ s/);
    // Rejected at once, not queued behind the running script.
    expect(slowDone).toBe(false);
    expect(structured(await slow).status).toBe("success");
    await a.close();
    await b.close();
  });

  it("exposes Prometheus metrics, health and readiness", async () => {
    const base = new URL(server.url).origin;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /runscript_runs_total\{tool="run_script",status="success",principal="reader"\} \d+/,
    );
    expect(metrics).toContain("runscript_queue_depth");
    expect(metrics).toContain("runscript_sandboxes_ready");
    expect(metrics).toMatch(/runscript_spares_ready \d+/);
    expect(metrics).toMatch(/runscript_boot_p50_seconds [0-9.e-]+/);
    expect(metrics).toMatch(/runscript_sandbox_process_rss_bytes [0-9.e+]+/);
    expect(metrics).toMatch(
      /runscript_aws_calls_total\{service="s3",operation="ListBuckets",outcome="success"\}/,
    );
    expect(metrics).toMatch(/runscript_policy_denials_total\{principal="reader"/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { hardening: { summary: string } }).hardening.summary).toContain(
      "permission model",
    );
  });

  it("publishes AWS-MCP metrics to CloudWatch in batches", async () => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const points = aws.metrics().filter((m) => m.namespace === "AWS-MCP");
    const names = new Set(points.map((p) => p.metricName));
    for (const n of ["Invocation", "Success", "UserError", "Throttle", "RunDuration", "AwsCalls"])
      expect(names).toContain(n);
    const inv = points.filter(
      (p) =>
        p.metricName === "Invocation" &&
        p.dimensions.some((d) => d.name === "ToolName" && d.value === "run_script"),
    );
    expect(inv.length).toBeGreaterThan(0);
  });
});
