/**
 * AWS bridge benchmark (issue #3): the 50-bucket public-access audit (3 calls per bucket + 1, 20 ms
 * latency injected per call by the local endpoint) through runscript vs an equivalent Node script
 * calling the SDK directly with the same concurrency, in one run; plus host overhead per bridged call.
 */
import { readFileSync } from "node:fs";
import {
  GetBucketAclCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startLocalStack } from "@runscript/devtools";
import { Runner } from "@runscript/runner";
import { DEFAULT_LIMITS, SandboxPool } from "@runscript/sandbox";
import { percentile, summary } from "./stats.mjs";

const AUDIT = readFileSync(new URL("../../examples/s3-public-access-audit.py", import.meta.url), "utf8");
const CONCURRENCY = 16; // the bridge's default max concurrent calls per run

async function direct(stack, credentials) {
  const s3 = new S3Client({
    region: "us-east-1",
    endpoint: stack.aws.endpoint,
    forcePathStyle: true,
    credentials,
  });
  const started = performance.now();
  const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets.map((b) => b.Name);
  const queue = buckets.flatMap((Bucket) => [
    new GetPublicAccessBlockCommand({ Bucket }),
    new GetBucketPolicyStatusCommand({ Bucket }),
    new GetBucketAclCommand({ Bucket }),
  ]);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < queue.length) {
        const cmd = queue[next++];
        await s3.send(cmd).catch(() => undefined);
      }
    }),
  );
  s3.destroy();
  return performance.now() - started;
}

export async function benchAudit({ quick = false } = {}) {
  const out = {};
  const stack = await startLocalStack({ buckets: 50, latencyMs: 20, agent: "bench-agent" });
  const pool = await SandboxPool.start({ size: 1 });
  const runner = new Runner({ pool, bridge: stack.bridge });
  try {
    // Direct SDK baseline, with assumed-role credentials obtained the same way (cached, like the bridge).
    const warm = stack.bridge.forRun({ principal: stack.principal, runId: "warm" });
    await warm.handle(JSON.stringify({ op: "aws.call", service: "s3", operation: "ListBuckets" }));
    const session = stack.aws.sessions().at(-1);
    const creds = {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    };
    const rounds = quick ? 2 : 5;
    const directTimes = [];
    const runscriptTimes = [];
    const callDurations = [];
    for (let i = 0; i < rounds; i++) {
      directTimes.push(await direct(stack, creds));
      while (pool.stats().ready < 1) await new Promise((r) => setTimeout(r, 5));
      const t = performance.now();
      const result = await runner.run({ principal: stack.principal, code: AUDIT, limits: DEFAULT_LIMITS });
      runscriptTimes.push(performance.now() - t);
      if (result.status !== "success") throw new Error(`audit failed: ${JSON.stringify(result.error)}`);
      callDurations.push(...result.api_calls.map((c) => c.durationMs));
    }
    const d = percentile(directTimes, 50);
    const r = percentile(runscriptTimes, 50);
    out.auditRatio = r / d;
    console.log(`50-bucket audit, 151 calls, 20 ms injected latency, concurrency ${CONCURRENCY}:`);
    console.log(`  direct SDK script:  ${summary(directTimes)}`);
    console.log(`  through runscript:  ${summary(runscriptTimes)}  (includes the sandbox run itself)`);
    console.log(`  ratio runscript / direct: ${(r / d).toFixed(2)}x`);

    // Host overhead per bridged call: bridge time per call minus the endpoint's injected latency,
    // measured against the same endpoint with no latency.
    const fast = await startLocalStack({ buckets: 5, latencyMs: 0, agent: "bench-overhead" });
    try {
      const rb = fast.bridge.forRun({ principal: fast.principal, runId: "overhead" });
      const payload = JSON.stringify({
        op: "aws.call",
        service: "s3",
        operation: "GetBucketAcl",
        params: { Bucket: fast.truth[0].bucket },
      });
      await rb.handle(payload);
      const s = fast.aws.sessions().at(-1);
      const s3 = new S3Client({
        region: "us-east-1",
        endpoint: fast.aws.endpoint,
        forcePathStyle: true,
        credentials: {
          accessKeyId: s.accessKeyId,
          secretAccessKey: s.secretAccessKey,
          sessionToken: s.sessionToken,
        },
      });
      const viaBridge = [];
      const viaSdk = [];
      for (let i = 0; i < (quick ? 100 : 400); i++) {
        let t0 = performance.now();
        await rb.handle(payload);
        viaBridge.push(performance.now() - t0);
        t0 = performance.now();
        await s3.send(new GetBucketAclCommand({ Bucket: fast.truth[0].bucket }));
        viaSdk.push(performance.now() - t0);
      }
      s3.destroy();
      out.overheadP50 = percentile(viaBridge, 50) - percentile(viaSdk, 50);
      console.log(
        `host overhead per bridged call (bridge.handle vs direct SDK send, same endpoint): p50 ${out.overheadP50.toFixed(2)} ms (bridge ${summary(viaBridge)}; SDK ${summary(viaSdk)})`,
      );
    } finally {
      await fast.close();
    }
  } finally {
    await pool.close();
    await stack.close();
  }
  return out;
}
