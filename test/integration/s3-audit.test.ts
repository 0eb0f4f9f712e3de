/**
 * The flow an agent relies on, over the wire: a script in a fresh sandbox audits 60 buckets through
 * the bridge; the bridge assumes the principal's role at the local STS and signs every S3 call with
 * that session (never the base credentials), and the report matches the seeded truth.
 */
import { readFileSync } from "node:fs";
import { type LocalStack, startLocalStack } from "@runscript/devtools";
import { Runner } from "@runscript/runner";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, SandboxPool } from "../../packages/sandbox/src/index.js";

const audit = readFileSync(new URL("../../examples/s3-public-access-audit.py", import.meta.url), "utf8");
let stack: LocalStack;
let pool: SandboxPool;

beforeAll(async () => {
  stack = await startLocalStack({ buckets: 60, agent: "audit-agent" });
  pool = await SandboxPool.start({ size: 1 });
});
afterAll(async () => {
  await pool.close();
  await stack.close();
});

it("audits 60 buckets concurrently with assumed-role credentials and reports the truth", async () => {
  stack.aws.clearRequests();
  const result = await new Runner({ pool, bridge: stack.bridge }).run({
    principal: stack.principal,
    code: audit,
    limits: DEFAULT_LIMITS,
  });
  expect(result.status).toBe("success");
  const report = result.result as {
    buckets: number;
    public: string[];
    details: { bucket: string; public_via: string[] }[];
  };
  expect(report.buckets).toBe(60);
  const expectedPublic = stack.truth
    .filter((t) => t.isPublic)
    .map((t) => t.bucket)
    .sort();
  expect(expectedPublic.length).toBeGreaterThan(0);
  expect(expectedPublic.length).toBeLessThan(60);
  expect(report.public).toEqual(expectedPublic);
  for (const t of stack.truth) {
    const found = report.details.find((d) => d.bucket === t.bucket);
    expect(found?.public_via.sort()).toEqual([...t.publicVia].sort());
  }

  // 1 ListBuckets + 3 calls per bucket, all recorded for the run result.
  const calls = result.api_calls;
  expect(calls).toHaveLength(1 + 3 * 60);
  expect(calls.every((c) => c.service === "s3")).toBe(true);

  // Every S3 request was signed with the assumed-role session, never with the base credentials.
  const s3 = stack.aws.requests().filter((r) => r.service === "s3");
  expect(s3.length).toBe(1 + 3 * 60);
  expect(s3.every((r) => r.credentialKind === "assumed")).toBe(true);
  expect(s3.some((r) => r.accessKeyId === stack.aws.baseCredentials.accessKeyId)).toBe(false);
  expect(new Set(s3.map((r) => r.roleArn))).toEqual(new Set([stack.principal.roleArn]));

  // The session names the agent: source identity and session tags.
  const session = stack.aws.sessions().at(-1);
  expect(session?.sourceIdentity).toBe("audit-agent");
  expect(session?.tags.map((t) => t.key)).toContain("runscript:agent");

  // Nothing in the result reveals a credential.
  const everything = JSON.stringify(result);
  for (const s of stack.aws.sessions()) {
    expect(everything).not.toContain(s.secretAccessKey);
    expect(everything).not.toContain(s.sessionToken);
  }
  expect(everything).not.toContain(stack.aws.baseCredentials.secretAccessKey);
});
