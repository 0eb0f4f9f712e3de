/**
 * `runscript fuzz`: the escape corpus plus generated hostile bridge requests, against real sandboxes,
 * a real AWS bridge and local AWS endpoints (and, with the server, real MCP tool calls). Every case
 * is judged against its expected safe outcome and the sentinels; the report counts tried, contained
 * and violated per category.
 */
import { randomUUID } from "node:crypto";
import { BridgeResponseSchema } from "@runscript/aws-bridge";
import { DEFAULT_LIMITS, SandboxPool } from "@runscript/sandbox";
import fc from "fast-check";
import { type EscapeCase, judge, materialize } from "../escape/corpus.js";
import { childrenOf, plantSentinels } from "../escape/sentinels.js";
import { startLocalStack } from "../local-stack.js";
import { EVIL_HOST, hostileBridgePayload } from "./bridge-mutations.js";

export interface FuzzOptions {
  cases: EscapeCase[];
  /** Generated bridge requests to try. */
  mutations: number;
  seed: number;
  /** Stop generating once this much time has passed (the corpus always runs in full). */
  timeBudgetMs: number;
  onProgress?: (done: number, total: number, category: string) => void;
}

export interface CategoryTally {
  tried: number;
  contained: number;
  violated: number;
}

export interface FuzzReport {
  seed: number;
  categories: Record<string, CategoryTally>;
  violations: { category: string; id: string; violations: string[] }[];
}

const CORPUS_LIMITS = {
  ...DEFAULT_LIMITS,
  timeoutMs: 3_000,
  memoryBytes: 128 * 1048576,
  maxOutputBytes: 64 * 1024,
};

/** Runs the corpus and the generated mutations; never throws for what a case does. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { seed: options.seed, categories: {}, violations: [] };
  const tally = (category: string, id: string, violations: string[]) => {
    const t = report.categories[category] ?? { tried: 0, contained: 0, violated: 0 };
    report.categories[category] = t;
    t.tried++;
    if (violations.length === 0) t.contained++;
    else {
      t.violated++;
      report.violations.push({ category, id, violations });
    }
  };
  const stack = await startLocalStack({ buckets: 3, agent: "fuzz-agent", readOnly: true });
  const sentinels = await plantSentinels([stack.aws.baseCredentials.secretAccessKey]);
  const pool = await SandboxPool.start({ size: 1 });
  const total = options.cases.length + options.mutations;
  let done = 0;
  const credentialSecrets = () => stack.aws.sessions().flatMap((s) => [s.secretAccessKey, s.sessionToken]);
  try {
    // 1. The corpus, through real sandboxes with the bridge attached.
    for (const c of options.cases) {
      const runId = randomUUID();
      const runBridge = stack.bridge.forRun({ principal: stack.principal, runId });
      const result = await pool.run({
        code: materialize(c, { ...sentinels, forbidden: [] }),
        language: c.language,
        limits: CORPUS_LIMITS,
        runId,
        hostCall: (p) => runBridge.handle(p),
      });
      const verdict = judge(c, result, JSON.stringify(result), {
        ...sentinels,
        forbidden: [...sentinels.forbidden, ...credentialSecrets()],
      });
      if (sentinels.connections() > 0) verdict.violations.push("the loopback listener was contacted");
      for (const pid of pool.pids())
        if (childrenOf(pid).length > 0) verdict.violations.push("a sandbox process started a child process");
      tally(`corpus:${c.category}`, c.id, verdict.violations);
      options.onProgress?.(++done, total, `corpus:${c.category}`);
    }
    // 2. Generated hostile bridge requests, sent from inside a sandbox through the bridge hook.
    const started = performance.now();
    const payloads = fc.sample(hostileBridgePayload, { numRuns: options.mutations, seed: options.seed });
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join();
    for (let i = 0; i < payloads.length; i += 50) {
      if (performance.now() - started > options.timeBudgetMs) break;
      const batch = payloads.slice(i, i + 50);
      const runId = randomUUID();
      const runBridge = stack.bridge.forRun({ principal: stack.principal, runId });
      const before = stack.aws.requests().length;
      const code = `import _runscript_host, json\npayloads = json.loads(${JSON.stringify(JSON.stringify(batch))})\n[_runscript_host.call_sync(p) for p in payloads]`;
      const result = await pool.run({
        code,
        limits: { ...DEFAULT_LIMITS, timeoutMs: 30_000 },
        runId,
        hostCall: (p) => runBridge.handle(p),
      });
      const answers = Array.isArray(result.result) ? result.result : [];
      const reached = stack.aws.requests().slice(before);
      batch.forEach((payload, k) => {
        const violations: string[] = [];
        const answer = answers[k];
        let parsed: unknown;
        try {
          parsed = typeof answer === "string" ? JSON.parse(answer) : undefined;
        } catch {
          parsed = undefined;
        }
        if (!BridgeResponseSchema.safeParse(parsed).success)
          violations.push(`answer is not a bridge response: ${String(answer).slice(0, 120)}`);
        const text = String(answer);
        for (const secret of [...credentialSecrets(), stack.aws.baseCredentials.secretAccessKey]) {
          if (secret && text.includes(secret)) violations.push("an answer contains a credential");
        }
        if (/\bat .*\(\/|node:internal/.test(text)) violations.push("an answer contains a host stack trace");
        tally("fuzz:bridge-requests", `mutation ${i + k}: ${payload.slice(0, 80)}`, violations);
        options.onProgress?.(++done, total, "fuzz:bridge-requests");
      });
      // Batch-level invariants: nothing but the local endpoint was reached, nothing credential-issuing
      // or mutating left the host for the read-only principal, the prototype is untouched.
      const batchViolations: string[] = [];
      if (result.status !== "success")
        batchViolations.push(`the fuzz run ended ${result.status}: ${result.error?.message ?? ""}`);
      for (const r of reached) {
        if (r.host && !stack.aws.endpoint.endsWith(r.host))
          batchViolations.push(`a request went to host ${r.host}`);
        if (
          /GetSessionToken|GetFederationToken|CreateAccessKey|PutObject|DeleteBucket|SendMessage/.test(
            r.operation,
          )
        ) {
          batchViolations.push(`${r.operation} left the host for a read-only principal`);
        }
        if (r.operation === "AssumeRole" && r.roleArn !== stack.principal.roleArn)
          batchViolations.push(`AssumeRole of ${r.roleArn}`);
        if (r.url.includes(EVIL_HOST) || (r.host ?? "").includes(EVIL_HOST))
          batchViolations.push("a request carried the attacker's host");
      }
      if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoBefore)
        batchViolations.push("Object.prototype was polluted");
      if (sentinels.connections() > 0) batchViolations.push("the loopback listener was contacted");
      tally("fuzz:bridge-invariants", `batch ${i / 50}`, batchViolations);
    }
  } finally {
    await pool.close();
    await sentinels.remove();
    await stack.close();
  }
  return report;
}
