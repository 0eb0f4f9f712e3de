/**
 * Responses and errors side by side with real boto3 against one moto server: the same calls made by
 * botocore and through the bridge (v2 answers) must give the same dicts, after normalising only
 * what must differ (request ids, dates, generated ids). This is the parser's and the handlers' judge;
 * the whole-script oracle lives in test/fidelity/.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsBridge } from "../src/bridge.js";

const here = dirname(fileURLToPath(import.meta.url));
type Call = [string, string, Record<string, unknown>];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let moto: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("moto_server did not start (the oracle needs moto: pip install 'moto[server]')");
}, 60_000);

afterAll(() => {
  moto?.kill();
});

async function reset(): Promise<void> {
  await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  // Deterministic ids, so both runs see the same resource ids.
  await fetch(`${endpoint}/moto-api/seed?a=42`, { method: "POST" });
}

function viaBoto3(calls: Call[]): unknown[] {
  const out = execFileSync("python3", [join(here, "fixtures", "boto3-calls.py"), endpoint], {
    input: JSON.stringify(calls),
    encoding: "utf8",
  });
  return JSON.parse(out) as unknown[];
}

async function viaBridge(calls: Call[]): Promise<unknown[]> {
  const bridge = new AwsBridge({
    logger: pino({ level: "silent" }),
    config: { endpoint, forcePathStyle: true },
    baseCredentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }),
  });
  const run = bridge.forRun({ principal: { name: "parity" }, runId: "parity" });
  const out: unknown[] = [];
  for (const [service, operation, params] of calls) {
    const a = JSON.parse(
      await run.handle(JSON.stringify({ op: "aws.call", v: 2, service, operation, params })),
    );
    out.push(a.ok ? a.value : { __error__: a.error.response ?? a.error });
  }
  await bridge.close();
  return out;
}

// `server`: moto sends two Server headers; urllib3 joins them, Node keeps the first (real AWS sends one).
const VOLATILE = new Set([
  "RequestId",
  "HostId",
  "date",
  "server",
  "last-modified",
  "x-amzn-requestid",
  "x-amz-request-id",
  "x-amz-id-2",
]);

/** Bridge tags -> what the boto3 fixture prints; volatile values -> "*". */
function normalise(value: unknown, fromBridge: boolean, key = ""): unknown {
  if (VOLATILE.has(key)) return "*";
  if (Array.isArray(value)) return value.map((v) => normalise(v, fromBridge));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (fromBridge && keys.length === 1) {
      if (keys[0] === "$ts") return "TS";
      if (keys[0] === "$bytes" || keys[0] === "$stream") {
        return `B:${Buffer.from(String(o[keys[0]!]), "base64").toString("hex")}`;
      }
    }
    return Object.fromEntries(keys.map((k) => [k, normalise(o[k], fromBridge, k)]));
  }
  if (!fromBridge && typeof value === "string" && value.startsWith("DT:")) return "TS";
  return value;
}

async function compare(calls: Call[]): Promise<void> {
  await reset();
  const expected = viaBoto3(calls);
  await reset();
  const actual = await viaBridge(calls);
  calls.forEach((c, i) => {
    const want = normalise(expected[i], false);
    const got = normalise(actual[i], true);
    expect(JSON.stringify(got), `${c[0]}.${c[1]}`).toBe(JSON.stringify(want));
  });
}

describe("responses and errors match boto3 (moto)", () => {
  it("S3 (rest-xml): wire error codes incl. HEAD 404, LocationConstraint None, url-decoded keys, bodies", async () => {
    await compare([
      ["s3", "create_bucket", { Bucket: "parity-bucket" }],
      ["s3", "put_object", { Bucket: "parity-bucket", Key: "a b/ü+c.txt", Body: "hello" }],
      ["s3", "list_objects_v2", { Bucket: "parity-bucket" }],
      ["s3", "list_objects", { Bucket: "parity-bucket", Prefix: "a b/" }],
      ["s3", "get_bucket_location", { Bucket: "parity-bucket" }],
      ["s3", "head_bucket", { Bucket: "no-such-bucket-parity" }],
      ["s3", "head_object", { Bucket: "parity-bucket", Key: "missing" }],
      ["s3", "get_object", { Bucket: "parity-bucket", Key: "missing" }],
      ["s3", "get_object", { Bucket: "parity-bucket", Key: "a b/ü+c.txt" }],
      [
        "s3",
        "copy_object",
        { Bucket: "parity-bucket", Key: "copy", CopySource: { Bucket: "parity-bucket", Key: "a b/ü+c.txt" } },
      ],
      ["s3", "get_bucket_policy", { Bucket: "parity-bucket" }],
    ]);
  }, 60_000);

  it("IAM and STS (query): policy documents as dicts, NoSuchEntity", async () => {
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    await compare([
      ["iam", "create_role", { RoleName: "parity-role", AssumeRolePolicyDocument: doc }],
      ["iam", "put_role_policy", { RoleName: "parity-role", PolicyName: "p", PolicyDocument: doc }],
      ["iam", "get_role_policy", { RoleName: "parity-role", PolicyName: "p" }],
      ["iam", "list_roles", {}],
      ["iam", "get_role", { RoleName: "missing" }],
      ["sts", "get_caller_identity", {}],
    ]);
  }, 60_000);

  it("JSON protocols: SQS query-compatible codes, DynamoDB, Logs, KMS; EC2; SNS NotFound; Lambda (rest-json)", async () => {
    await compare([
      ["sqs", "get_queue_url", { QueueName: "missing" }],
      ["dynamodb", "describe_table", { TableName: "missing" }],
      ["logs", "describe_log_groups", {}],
      ["kms", "list_keys", {}],
      ["ec2", "describe_instances", {}],
      ["ec2", "describe_instances", { InstanceIds: ["i-00000000000000000"] }],
      ["sns", "get_topic_attributes", { TopicArn: "arn:aws:sns:us-east-1:123456789012:missing" }],
      ["lambda", "get_function", { FunctionName: "missing" }],
      ["cloudwatch", "describe_alarms", {}],
    ]);
  }, 60_000);
});
