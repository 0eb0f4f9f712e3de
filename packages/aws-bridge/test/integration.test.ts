/**
 * The bridge against aws-local over real HTTP on 127.0.0.1: STS sessions per principal, S3 and
 * CloudWatch calls signed with the assumed credentials, throttling retries, audit events.
 */
import { type LocalAws, startLocalAws } from "@runscript/aws-local";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AwsBridge } from "../src/bridge.js";
import { type BridgeResponse, BridgeResponseSchema } from "../src/protocol.js";
import { type CapturedLog, captureLog } from "./helpers.js";

const ROLE_A = "arn:aws:iam::123456789012:role/agent-a";
const ROLE_B = "arn:aws:iam::123456789012:role/agent-b";
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

let aws: LocalAws;
let log: CapturedLog;
let bridge: AwsBridge;
const responses: string[] = [];

function newBridge(maxAttempts = 3): AwsBridge {
  return new AwsBridge({
    logger: log.logger,
    baseCredentials: async () => aws.baseCredentials,
    config: {
      endpoints: { sts: aws.endpoint, s3: aws.endpoint, cloudwatch: aws.endpoint },
      forcePathStyle: true,
      maxAttempts,
    },
  });
}

async function send(
  run: { handle(p: string): Promise<string> },
  service: string,
  operation: string,
  params: object = {},
): Promise<BridgeResponse> {
  const text = await run.handle(JSON.stringify({ op: "aws.call", service, operation, params }));
  responses.push(text);
  return BridgeResponseSchema.parse(JSON.parse(text));
}

function value<T = Record<string, unknown>>(r: BridgeResponse): T {
  if (!r.ok) throw new Error(`call failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws.close();
});

beforeEach(async () => {
  await bridge?.close();
  log = captureLog();
  bridge = newBridge();
  aws.clearRequests();
});

describe("assumed-role sessions", () => {
  it("assumes the principal's role with source identity, tags and session policy, and signs S3 with it", async () => {
    const run = bridge.forRun({
      principal: { name: "agent-a", roleArn: ROLE_A, readOnly: true },
      runId: "run-1",
    });
    const before = aws.sessions().length;
    expect(value(await send(run, "s3", "list_buckets"))).toHaveProperty("Buckets");
    const sessions = aws.sessions().slice(before);
    expect(sessions).toHaveLength(1);
    const session = sessions[0]!;
    expect(session.roleArn).toBe(ROLE_A);
    expect(session.roleSessionName).toBe("runscript-agent-a");
    expect(session.sourceIdentity).toBe("agent-a");
    expect(session.tags).toEqual([{ key: "runscript:agent", value: "agent-a" }]);
    expect(JSON.parse(session.policy ?? "{}").Statement[0]).toMatchObject({ Effect: "Deny" });
    expect(JSON.parse(session.policy ?? "{}").Statement[0].Action).toContain("secretsmanager:GetSecretValue");
    expect(session.assumedBy).toBe(aws.baseCredentials.accessKeyId);
    const s3 = aws.requests().filter((r) => r.service === "s3");
    expect(s3.length).toBeGreaterThan(0);
    for (const r of s3) {
      expect(r.credentialKind).toBe("assumed");
      expect(r.accessKeyId).toBe(session.accessKeyId);
      expect(r.sourceIdentity).toBe("agent-a");
    }
    // The base key only ever signed the AssumeRole call.
    const baseSigned = aws.requests().filter((r) => r.credentialKind === "base");
    expect(baseSigned.map((r) => r.operation)).toEqual(["AssumeRole"]);
    // Read-only: a write is refused by the bridge and never reaches the endpoint.
    const put = await send(run, "s3", "PutObject", { Bucket: "b", Key: "k", Body: { $bytes: "AA==" } });
    expect(put.ok === false && put.error.code).toBe("AccessDeniedByPolicy");
    expect(aws.requests().some((r) => r.operation === "PutObject")).toBe(false);
  });

  it("caches a principal's session across runs and keeps principals apart", async () => {
    const before = aws.sessions().length;
    for (const runId of ["r1", "r2", "r3"]) {
      const run = bridge.forRun({ principal: { name: "agent-a", roleArn: ROLE_A }, runId });
      value(await send(run, "s3", "ListBuckets"));
    }
    const runB = bridge.forRun({ principal: { name: "agent-b", roleArn: ROLE_B }, runId: "rb" });
    value(await send(runB, "s3", "ListBuckets"));
    const sessions = aws.sessions().slice(before);
    expect(sessions.map((s) => s.roleArn)).toEqual([ROLE_A, ROLE_B]);
    const keys = new Set(
      aws
        .requests()
        .filter((r) => r.service === "s3")
        .map((r) => r.accessKeyId),
    );
    expect(keys).toEqual(new Set(sessions.map((s) => s.accessKeyId)));
  });
});

describe("S3 and CloudWatch through the bridge", () => {
  it("round-trips binary object bodies exactly", async () => {
    const run = bridge.forRun({ principal: { name: "writer", roleArn: ROLE_A }, runId: "bin" });
    value(await send(run, "s3", "create_bucket", { Bucket: "bridge-bin" }));
    value(
      await send(run, "s3", "put_object", {
        Bucket: "bridge-bin",
        Key: "all-bytes",
        Body: { $bytes: ALL_BYTES.toString("base64") },
      }),
    );
    const got = value<{ Body: { $bytes: string }; ContentLength: number; LastModified: { $date: string } }>(
      await send(run, "s3", "get_object", { Bucket: "bridge-bin", Key: "all-bytes" }),
    );
    expect(Buffer.from(got.Body.$bytes, "base64").equals(ALL_BYTES)).toBe(true);
    expect(got.ContentLength).toBe(256);
    expect(Number.isNaN(Date.parse(got.LastModified.$date))).toBe(false);
    const listed = value<{ Contents: { Key: string }[] }>(
      await send(run, "s3", "ListObjectsV2", { Bucket: "bridge-bin" }),
    );
    expect(listed.Contents.map((c) => c.Key)).toEqual(["all-bytes"]);
    const missing = await send(run, "s3", "GetObject", { Bucket: "bridge-bin", Key: "nope" });
    expect(missing.ok === false && missing.error).toMatchObject({ code: "NoSuchKey", httpStatus: 404 });
  });

  it("refuses bodies over the response limit", async () => {
    const run = bridge.forRun({
      principal: { name: "writer", roleArn: ROLE_A },
      runId: "big",
      limits: { maxResponseBytes: 64 * 1024 },
    });
    value(await send(run, "s3", "CreateBucket", { Bucket: "bridge-big" }));
    const body = Buffer.alloc(200 * 1024, 7).toString("base64");
    const put = await send(run, "s3", "PutObject", {
      Bucket: "bridge-big",
      Key: "k",
      Body: { $bytes: body },
    });
    // The request itself is within the 1 MiB request default.
    value(put);
    const got = await send(run, "s3", "GetObject", { Bucket: "bridge-big", Key: "k" });
    expect(got.ok === false && got.error.code).toBe("ResponseTooLarge");
  });

  it("carries timestamps both ways (CloudWatch)", async () => {
    const run = bridge.forRun({ principal: { name: "metrics", roleArn: ROLE_A }, runId: "cw" });
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    value(
      await send(run, "cloudwatch", "put_metric_data", {
        Namespace: "Bridge/Test",
        MetricData: [
          { MetricName: "Calls", Value: 3, Unit: "Count", Timestamp: { $date: now.toISOString() } },
        ],
      }),
    );
    const data = value<{ MetricDataResults: { Values: number[]; Timestamps: { $date: string }[] }[] }>(
      await send(run, "cloudwatch", "GetMetricData", {
        StartTime: { $date: new Date(now.getTime() - 3_600_000).toISOString() },
        EndTime: { $date: new Date(now.getTime() + 3_600_000).toISOString() },
        MetricDataQueries: [
          {
            Id: "m1",
            MetricStat: {
              Metric: { Namespace: "Bridge/Test", MetricName: "Calls" },
              Period: 60,
              Stat: "Sum",
            },
          },
        ],
      }),
    );
    const result = data.MetricDataResults[0]!;
    expect(result.Values).toContain(3);
    expect(result.Timestamps.every((t) => typeof t.$date === "string")).toBe(true);
  });
});

describe("throttling and audit", () => {
  it("retries throttled calls with backoff (maxAttempts)", async () => {
    const run = bridge.forRun({ principal: { name: "agent-a", roleArn: ROLE_A }, runId: "throttle" });
    value(await send(run, "s3", "ListBuckets")); // session in place
    aws.clearRequests();
    aws.throttle("ListBuckets", 2);
    value(await send(run, "s3", "ListBuckets"));
    const attempts = aws.requests().filter((r) => r.operation === "ListBuckets");
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("reports throttling AWS's way when attempts run out", async () => {
    const once = newBridge(1);
    const run = once.forRun({ principal: { name: "agent-a", roleArn: ROLE_A }, runId: "throttle-1" });
    aws.throttle("ListBuckets", 1);
    const r = await send(run, "s3", "ListBuckets");
    await once.close();
    expect(r.ok === false && r.error).toMatchObject({
      code: "SlowDown",
      httpStatus: 503,
      operation: "ListBuckets",
    });
    expect(r.ok === false && typeof r.error.requestId).toBe("string");
  });

  it("audits every call with request ids and never logs or answers with credentials", async () => {
    const run = bridge.forRun({
      principal: { name: "auditor", roleArn: ROLE_B, deny: ["s3:Delete*"] },
      runId: "audit",
    });
    value(await send(run, "s3", "CreateBucket", { Bucket: "audit-secret-bucket-name" }));
    await send(run, "s3", "DeleteBucket", { Bucket: "audit-secret-bucket-name" });
    await send(run, "s3", "GetObject", { Bucket: "audit-secret-bucket-name", Key: "missing" });
    const events = log.events.filter((e) => e.event === "aws_call");
    expect(events.map((e) => [e.operation, e.outcome, e.errorCode])).toEqual([
      ["CreateBucket", "success", null],
      ["DeleteBucket", "denied", "AccessDeniedByPolicy"],
      ["GetObject", "error", "NoSuchKey"],
    ]);
    const logged = new Set(aws.requests().map((r) => r.requestId));
    expect(logged.has(String(events[0]?.requestId))).toBe(true);
    expect(logged.has(String(events[2]?.requestId))).toBe(true);
    expect(run.calls().map((c) => c.status)).toEqual(["success", "denied", "error"]);
    // Parameter values never reach the log (the answers legitimately echo the bucket).
    expect(log.text()).not.toContain("audit-secret-bucket-name");
    const text = log.text() + responses.join("\n");
    const secrets = [aws.baseCredentials.secretAccessKey, aws.baseCredentials.accessKeyId];
    for (const s of aws.sessions()) secrets.push(s.secretAccessKey, s.sessionToken, s.accessKeyId);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
