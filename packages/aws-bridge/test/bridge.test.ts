import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsBridge } from "../src/bridge.js";
import { AwsBridgeError } from "../src/errors.js";
import { type BridgeResponse, BridgeResponseSchema } from "../src/protocol.js";
import {
  type CapturedLog,
  captureLog,
  STUB_CREDENTIALS,
  type StubAws,
  startStubAws,
  until,
} from "./helpers.js";

let stub: StubAws;
let log: CapturedLog;
let bridge: AwsBridge;

function makeBridge(extra: Record<string, unknown> = {}): AwsBridge {
  return new AwsBridge({
    logger: log.logger,
    baseCredentials: async () => STUB_CREDENTIALS,
    assumeRole: async () => {
      throw new Error("no roles in these tests");
    },
    config: { endpoints: { sts: stub.endpoint, sqs: stub.endpoint }, maxAttempts: 1, ...extra },
  });
}

async function send(run: { handle(p: string): Promise<string> }, req: unknown): Promise<BridgeResponse> {
  const text = await run.handle(typeof req === "string" ? req : JSON.stringify(req));
  return BridgeResponseSchema.parse(JSON.parse(text));
}

function errorCode(r: BridgeResponse): string | null {
  return r.ok ? null : r.error.code;
}

const call = (service: string, operation: string, params: object = {}, region?: string) => ({
  op: "aws.call",
  service,
  operation,
  params,
  ...(region === undefined ? {} : { region }),
});

beforeEach(async () => {
  stub = await startStubAws();
  log = captureLog();
  bridge = makeBridge();
});

afterEach(async () => {
  await bridge.close();
  await stub.close();
});

describe("handle()", () => {
  it("makes a call and answers with boto3's response dict, ResponseMetadata included", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "run-1" });
    const r = await send(run, call("sts", "get_caller_identity"));
    expect(r).toEqual({
      ok: true,
      value: {
        UserId: "AIDASTUB",
        Account: "123456789012",
        Arn: "arn:aws:iam::123456789012:user/stub",
        ResponseMetadata: {
          RequestId: "stub-request-id",
          HTTPStatusCode: 200,
          HTTPHeaders: expect.objectContaining({ "content-type": expect.any(String) }),
          RetryAttempts: 0,
        },
      },
    });
    // botocore's key order: the output members in model order, then ResponseMetadata.
    expect(Object.keys((r as { value: object }).value)).toEqual([
      "UserId",
      "Account",
      "Arn",
      "ResponseMetadata",
    ]);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.authorization).toContain(`Credential=${STUB_CREDENTIALS.accessKeyId}/`);
    expect(run.calls()).toEqual([
      expect.objectContaining({
        service: "sts",
        operation: "GetCallerIdentity",
        region: "us-east-1",
        status: "success",
      }),
    ]);
  });

  it("checks the size before parsing", async () => {
    const run = bridge.forRun({
      principal: { name: "agent" },
      runId: "r",
      limits: { maxRequestBytes: 2048 },
    });
    // Not JSON at all, but too large: the size check must answer first.
    expect(errorCode(await send(run, "x".repeat(4096)))).toBe("RequestTooLarge");
    // Multi-byte characters count as bytes, not characters.
    const wide = JSON.stringify(call("sts", "GetCallerIdentity", { Note: "é".repeat(1500) }));
    expect(wide.length).toBeLessThan(2048);
    expect(errorCode(await send(run, wide))).toBe("RequestTooLarge");
    expect(stub.requests).toHaveLength(0);
  });

  it("answers malformed requests with InvalidRequest and never throws", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    for (const bad of [
      "not json",
      "[]",
      "null",
      '"str"',
      "{}",
      '{"op": "aws.exec"}',
      '{"op": "aws.call", "service": "s3"}',
      '{"op": "aws.call", "service": "s3", "operation": "ListBuckets", "endpoint": "http://evil"}',
      '{"op": "aws.call", "service": "s3 ; rm", "operation": "ListBuckets"}',
      '{"op": "aws.call", "service": "s3", "operation": "ListBuckets", "params": [1]}',
      "[".repeat(100_000),
    ]) {
      expect(errorCode(await send(run, bad)), bad.slice(0, 40)).toBe("InvalidRequest");
    }
    const notString = await run.handle(42 as unknown as string);
    expect(errorCode(BridgeResponseSchema.parse(JSON.parse(notString)))).toBe("InvalidRequest");
    expect(stub.requests).toHaveLength(0);
  });

  it("answers paginator requests", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    expect(await send(run, { op: "aws.paginator", service: "s3", operation: "list_objects_v2" })).toEqual({
      ok: true,
      value: {
        input_token: "ContinuationToken",
        output_token: "NextContinuationToken",
        limit_key: "MaxKeys",
        more_results: "IsTruncated",
        result_key: ["Contents", "CommonPrefixes"],
        non_aggregate_keys: ["RequestCharged", "Prefix"],
        limit_key_type: "integer",
      },
    });
    // PageSize becomes a string where the limit key is one (Route 53's MaxItems), as in botocore.
    expect(
      await send(run, { op: "aws.paginator", service: "route53", operation: "list_hosted_zones" }),
    ).toMatchObject({
      ok: true,
      value: { limit_key: "MaxItems", limit_key_type: "string" },
    });
    // botocore has paginators SDK v3 lacks (multi-token ones included).
    const versions = await send(run, {
      op: "aws.paginator",
      service: "s3",
      operation: "list_object_versions",
    });
    expect(versions).toMatchObject({
      ok: true,
      value: { input_token: ["KeyMarker", "VersionIdMarker"], more_results: "IsTruncated" },
    });
    expect(await send(run, { op: "aws.paginator", service: "s3", operation: "GetObject" })).toEqual({
      ok: true,
      value: null,
    });
    const unknown = await send(run, { op: "aws.paginator", service: "s3", operation: "list_bukkits" });
    expect(errorCode(unknown)).toBe("UnknownOperation");
    expect(run.calls()).toEqual([]);
  });

  it("refuses unknown services, operations and regions with stable codes and reaches nothing", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    expect(errorCode(await send(run, call("s4", "ListBuckets")))).toBe("UnknownService");
    const op = await send(run, call("s3", "list_bucket"));
    expect(errorCode(op)).toBe("UnknownOperation");
    expect(op.ok === false && op.error.message).toContain("ListBuckets");
    for (const region of ["x@evil.example:443/#", "us-east-1.evil.example", "127.0.0.1"]) {
      const r = await send(run, call("sts", "GetCallerIdentity", {}, region));
      expect(errorCode(r)).toBe("InvalidRegion");
      expect(r.ok === false && r.error.httpStatus).toBe(400);
    }
    expect(stub.requests).toHaveLength(0);
    const refused = run.calls().filter((c) => c.errorCode === "InvalidRegion");
    expect(refused).toHaveLength(3);
    expect(refused.every((c) => c.region === null)).toBe(true);
    expect(log.text()).not.toContain("evil.example");
  });

  it("denies by policy with AccessDeniedByPolicy (403) before anything reaches AWS", async () => {
    const run = bridge.forRun({
      principal: { name: "reader", readOnly: true, deny: ["sts:GetCaller*"] },
      runId: "r",
    });
    const denied = await send(run, call("sts", "GetCallerIdentity"));
    expect(denied.ok === false && denied.error).toMatchObject({
      code: "AccessDeniedByPolicy",
      httpStatus: 403,
      operation: "GetCallerIdentity",
    });
    expect(
      errorCode(
        await send(run, call("sqs", "SendMessage", { QueueUrl: `${stub.endpoint}/1/q`, MessageBody: "m" })),
      ),
    ).toBe("AccessDeniedByPolicy");
    expect(
      errorCode(
        await send(
          run,
          call("sts", "AssumeRole", { RoleArn: "arn:aws:iam::123456789012:role/x", RoleSessionName: "yy" }),
        ),
      ),
    ).toBe("AccessDeniedByPolicy");
    expect(stub.requests).toHaveLength(0);
    expect(run.calls().map((c) => c.status)).toEqual(["denied", "denied", "denied"]);
  });

  it("refuses __proto__ in params and leaves Object.prototype untouched", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    const payload =
      '{"op":"aws.call","service":"sqs","operation":"GetQueueAttributes","params":{"QueueUrl":"x","Attributes":{"__proto__":{"polluted":true}}}}';
    expect(errorCode(await send(run, payload))).toBe("InvalidParameterValue");
    const top =
      '{"op":"aws.call","service":"sts","operation":"GetCallerIdentity","params":{"__proto__":{"polluted":true}}}';
    expect(errorCode(await send(run, top))).toBe("InvalidParameterValue");
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(stub.requests).toHaveLength(0);
  });

  it("routes SQS only to the resolved endpoint: QueueUrl must be on it", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    const evil = await send(run, call("sqs", "GetQueueAttributes", { QueueUrl: "https://evil.example/1/q" }));
    expect(errorCode(evil)).toBe("InvalidParameterValue");
    expect(stub.requests).toHaveLength(0);
    const ok = await send(run, call("sqs", "get_queue_attributes", { QueueUrl: `${stub.endpoint}/123/q` }));
    expect(ok.ok).toBe(true);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.target).toBe("AmazonSQS.GetQueueAttributes");
  });

  it("enforces the call budget and records refused calls as denied", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r", limits: { maxCalls: 2 } });
    expect((await send(run, call("sts", "GetCallerIdentity"))).ok).toBe(true);
    expect((await send(run, call("sts", "GetCallerIdentity"))).ok).toBe(true);
    const third = await send(run, call("sts", "GetCallerIdentity"));
    expect(third.ok === false && third.error).toMatchObject({ code: "CallBudgetExceeded", httpStatus: 429 });
    expect(stub.requests).toHaveLength(2);
    expect(run.calls().map((c) => c.status)).toEqual(["success", "success", "denied"]);
    // Another run of the same principal has its own budget.
    const next = bridge.forRun({ principal: { name: "agent" }, runId: "r2", limits: { maxCalls: 2 } });
    expect((await send(next, call("sts", "GetCallerIdentity"))).ok).toBe(true);
  });

  it("caps concurrent calls per run; the excess queues and completes (slow endpoint)", async () => {
    const run = bridge.forRun({
      principal: { name: "agent" },
      runId: "r",
      limits: { maxConcurrentCalls: 2 },
    });
    stub.hold();
    const pending = Array.from({ length: 6 }, () => send(run, call("sts", "GetCallerIdentity")));
    await until(() => stub.inFlight >= 2);
    // Give any call that wrongly bypassed the cap time to arrive.
    await new Promise((r) => setTimeout(r, 100));
    expect(stub.inFlight).toBe(2);
    stub.release();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(stub.maxInFlight).toBe(2);
    expect(stub.requests).toHaveLength(6);
  });

  it("refuses budgets above the operator maximum", () => {
    expect(() =>
      bridge.forRun({ principal: { name: "a" }, runId: "r", limits: { maxCalls: 1_000_000 } }),
    ).toThrow(AwsBridgeError);
    const strict = makeBridge({
      budgets: {
        maxima: { maxCalls: 10, maxConcurrentCalls: 4, maxRequestBytes: 4096, maxResponseBytes: 8192 },
        defaults: { maxCalls: 5, maxConcurrentCalls: 2, maxRequestBytes: 2048, maxResponseBytes: 4096 },
      },
    });
    expect(() => strict.forRun({ principal: { name: "a" }, runId: "r", limits: { maxCalls: 11 } })).toThrow(
      expect.objectContaining({ code: "LimitAboveMaximum" }),
    );
    void strict.close();
  });

  it("reports unreachable endpoints as NetworkError without stacks or secrets", async () => {
    const dead = new AwsBridge({
      logger: log.logger,
      baseCredentials: async () => STUB_CREDENTIALS,
      config: { endpoints: { sts: "http://127.0.0.1:1" }, maxAttempts: 1 },
    });
    const run = dead.forRun({ principal: { name: "agent" }, runId: "r" });
    const r = await send(run, call("sts", "GetCallerIdentity"));
    await dead.close();
    expect(r.ok === false && r.error.code).toBe("NetworkError");
    const text = JSON.stringify(r);
    expect(text).not.toContain("    at ");
    expect(text).not.toContain(STUB_CREDENTIALS.secretAccessKey);
    expect(text).not.toContain(STUB_CREDENTIALS.accessKeyId);
  });

  it("emits one audit event per call with no parameter values or credentials", async () => {
    const run = bridge.forRun({ principal: { name: "auditor", deny: ["sqs:Delete*"] }, runId: "run-audit" });
    await send(run, call("sts", "GetCallerIdentity"));
    await send(run, call("sqs", "DeleteQueue", { QueueUrl: "https://marker-param-value.example/1/q" }));
    await send(
      run,
      call("sqs", "GetQueueAttributes", { QueueUrl: "https://other-marker-value.example/1/q" }),
    );
    const events = log.events.filter((e) => e.event === "aws_call");
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      principal: "auditor",
      runId: "run-audit",
      service: "sts",
      operation: "GetCallerIdentity",
      region: "us-east-1",
      outcome: "success",
      errorCode: null,
      requestId: "stub-request-id",
    });
    expect(typeof events[0]?.latencyMs).toBe("number");
    expect(typeof events[0]?.time).toBe("number");
    expect(events[1]).toMatchObject({
      outcome: "denied",
      errorCode: "AccessDeniedByPolicy",
      operation: "DeleteQueue",
    });
    expect(events[2]).toMatchObject({ outcome: "error", errorCode: "InvalidParameterValue" });
    const all = log.text();
    for (const secret of [
      "marker-param-value",
      "other-marker-value",
      STUB_CREDENTIALS.secretAccessKey,
      STUB_CREDENTIALS.accessKeyId,
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it("reports a failed AssumeRole as CredentialsUnavailable and sends nothing unsigned", async () => {
    const run = bridge.forRun({
      principal: { name: "role-agent", roleArn: "arn:aws:iam::123456789012:role/missing" },
      runId: "r",
    });
    const r = await send(run, call("sts", "GetCallerIdentity"));
    expect(r.ok === false && r.error).toMatchObject({ code: "CredentialsUnavailable", httpStatus: 500 });
    expect(r.ok === false && r.error.message).not.toContain("no roles in these tests");
    expect(stub.requests).toHaveLength(0);
  });

  it("answers BridgeClosed after close()", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    await bridge.close();
    expect(errorCode(await send(run, call("sts", "GetCallerIdentity")))).toBe("BridgeClosed");
    expect(() => bridge.forRun({ principal: { name: "agent" }, runId: "r" })).toThrow(AwsBridgeError);
  });

  it("call() takes typed requests with the same checks", async () => {
    const run = bridge.forRun({ principal: { name: "agent" }, runId: "r" });
    const ok = await run.call({
      op: "aws.call",
      service: "sts",
      operation: "GetCallerIdentity",
      region: "eu-west-1",
    });
    expect(ok.ok).toBe(true);
    const bad = await run.call({
      op: "aws.call",
      service: "sts",
      operation: "GetCallerIdentity",
      region: "evil.example",
    });
    expect(errorCode(bad)).toBe("InvalidRegion");
    const extra = await run.call({ op: "aws.call", service: "sts", operation: "X", endpoint: "y" } as never);
    expect(errorCode(extra)).toBe("InvalidRequest");
  });
});
