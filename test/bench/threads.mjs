/**
 * Concurrency inside one Python run (issue 12): 20 S3 calls with 100 ms of latency injected per call
 * by the local endpoint, made one after another, with `ThreadPoolExecutor` (green threads on JSPI),
 * and with `asyncio.gather` over `call_boto3`, through the real pool and bridge, in one run of the
 * bench. Prints each figure and the speed-up against the sequential loop.
 */
import { randomUUID } from "node:crypto";
import { startLocalStack } from "@runscript/devtools";
import { DEFAULT_LIMITS, SandboxPool } from "@runscript/sandbox";
import { percentile } from "./stats.mjs";

const CALLS = 20;
const LATENCY_MS = 100;

const SCRIPTS = {
  sequential: `
import boto3, time
s3 = boto3.client("s3")
names = [b["Name"] for b in s3.list_buckets()["Buckets"]][:${CALLS}]
t = time.perf_counter()
acls = [s3.get_bucket_acl(Bucket=n)["Owner"] for n in names]
(len(acls), (time.perf_counter() - t) * 1000)`,
  "ThreadPoolExecutor(max_workers=20)": `
import boto3, time
from concurrent.futures import ThreadPoolExecutor
s3 = boto3.client("s3")
names = [b["Name"] for b in s3.list_buckets()["Buckets"]][:${CALLS}]
t = time.perf_counter()
with ThreadPoolExecutor(max_workers=20) as pool:
    acls = list(pool.map(lambda n: s3.get_bucket_acl(Bucket=n)["Owner"], names))
(len(acls), (time.perf_counter() - t) * 1000)`,
  "ThreadPoolExecutor(max_workers=8)": `
import boto3, time
from concurrent.futures import ThreadPoolExecutor, as_completed
s3 = boto3.client("s3")
names = [b["Name"] for b in s3.list_buckets()["Buckets"]][:${CALLS}]
t = time.perf_counter()
with ThreadPoolExecutor(max_workers=8) as pool:
    acls = [f.result()["Owner"] for f in as_completed([pool.submit(s3.get_bucket_acl, Bucket=n) for n in names])]
(len(acls), (time.perf_counter() - t) * 1000)`,
  "asyncio.gather(call_boto3)": `
import asyncio, boto3, time
names = [b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"]][:${CALLS}]
t = time.perf_counter()
acls = await asyncio.gather(*[call_boto3("s3", "GetBucketAcl", params={"Bucket": n}) for n in names])
(len(acls), (time.perf_counter() - t) * 1000)`,
};

export async function benchThreads({ quick = false } = {}) {
  const stack = await startLocalStack({ buckets: CALLS, latencyMs: LATENCY_MS, agent: "bench-agent" });
  const pool = await SandboxPool.start({ size: 1 });
  const out = {};
  try {
    const rounds = quick ? 2 : 4;
    const times = Object.fromEntries(Object.keys(SCRIPTS).map((k) => [k, []]));
    for (let i = 0; i < rounds; i++) {
      for (const [name, code] of Object.entries(SCRIPTS)) {
        while (pool.stats().ready < 1) await new Promise((r) => setTimeout(r, 5));
        const runId = randomUUID();
        const bridge = stack.bridge.forRun({ principal: stack.principal, runId });
        const result = await pool.run({
          code,
          limits: DEFAULT_LIMITS,
          runId,
          hostCall: (p) => bridge.handle(p),
        });
        if (result.status !== "success" || result.result?.[0] !== CALLS)
          throw new Error(`${name} failed: ${JSON.stringify(result.error ?? result.result)}`);
        times[name].push(result.result[1]);
      }
    }
    const base = percentile(times.sequential, 50);
    for (const [name, list] of Object.entries(times)) {
      const p50 = percentile(list, 50);
      out[name] = p50;
      console.log(
        `${CALLS} S3 calls, ${LATENCY_MS} ms latency each, ${name.padEnd(36)} p50 ${p50.toFixed(0).padStart(5)} ms  (${(base / p50).toFixed(1)}x the sequential loop)`,
      );
    }
  } finally {
    await pool.close();
    await stack.close();
  }
  return out;
}
