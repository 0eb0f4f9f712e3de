/**
 * `runscript fuzz`: against a real runscript server (started here, on 127.0.0.1, with local
 * SigV4-verifying AWS endpoints), through real MCP clients: the escape corpus as `run_script` calls,
 * generated hostile bridge requests sent from inside sandboxes, and generated hostile MCP tool calls.
 * Every case is judged against its expected safe outcome and the sentinels; the report counts tried,
 * contained and violated per category.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { BridgeResponseSchema } from "@runscript/aws-bridge";
import { startLocalAws } from "@runscript/aws-local";
import { parseConfig, startServer } from "@runscript/server";
import fc from "fast-check";
import { type EscapeCase, judge, materialize } from "../escape/corpus.js";
import { childrenOf, plantSentinels } from "../escape/sentinels.js";
import { EVIL_HOST, hostileBridgePayload } from "./bridge-mutations.js";
import { hostileMcpBody } from "./mcp-mutations.js";

export interface FuzzOptions {
  cases: EscapeCase[];
  /** Generated bridge requests to try. */
  mutations: number;
  /** Generated MCP tool calls to try (default: a third of `mutations`). */
  mcpMutations?: number;
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

const TOKEN = "fuzz-agent-token-0123456789abcdef";
const STACK_TRACE = /\bat .*\((\/|file:)|node:internal/;

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
  const aws = await startLocalAws();
  await aws.seedBuckets(3);
  const sentinels = await plantSentinels([aws.baseCredentials.secretAccessKey, TOKEN]);
  const server = await startServer(
    parseConfig({
      listen: { port: 0 },
      principals: [
        {
          name: "fuzz-agent",
          token: TOKEN,
          roleArn: `arn:aws:iam::${aws.accountId}:role/fuzz-agent`,
          readOnly: true,
          quotas: { concurrentRuns: 4, runsPerMinute: 100_000 },
        },
      ],
      pool: { size: 1 },
      limits: {
        defaults: {
          timeoutMs: 5_000,
          memoryBytes: 128 * 1048576,
          maxOutputBytes: 64 * 1024,
          maxResultBytes: 1048576,
        },
      },
      aws: {
        endpoints: { s3: aws.endpoint, sts: aws.endpoint, cloudwatch: aws.endpoint },
        forcePathStyle: true,
        // A small call budget keeps call-flood cases fast; mutation batches send 50 calls per run.
        budgets: {
          defaults: {
            maxCalls: 200,
            maxConcurrentCalls: 16,
            maxRequestBytes: 1048576,
            maxResponseBytes: 6291456,
          },
        },
      },
      log: { level: "silent" },
    }),
    { baseCredentials: async () => ({ ...aws.baseCredentials }) },
  );
  const client = new Client({ name: "runscript-fuzz", version: "0.1.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
    }),
  );
  const mcpMutations = options.mcpMutations ?? Math.ceil(options.mutations / 3);
  const total = options.cases.length + options.mutations + mcpMutations;
  let done = 0;
  const secrets = () => [
    ...sentinels.forbidden,
    ...aws.sessions().flatMap((s) => [s.secretAccessKey, s.sessionToken]),
  ];
  const foreignRequests = () =>
    aws.requests().filter((r) => (r.host && !aws.endpoint.endsWith(r.host)) || r.url.includes(EVIL_HOST));
  const runScript = async (code: string, language: "python" | "javascript") => {
    const r = (await client.callTool({ name: "run_script", arguments: { code, language } }, undefined, {
      timeout: 120_000,
    })) as unknown as {
      structuredContent?: { status: string; result: unknown };
    };
    return { structured: r.structuredContent ?? { status: "missing", result: null }, raw: JSON.stringify(r) };
  };
  try {
    // 1. The corpus, as run_script calls through the server.
    for (const c of options.cases) {
      const { structured, raw } = await runScript(
        materialize(c, { ...sentinels, forbidden: [] }),
        c.language,
      );
      const verdict = judge(c, structured, raw, { ...sentinels, forbidden: secrets() });
      if (sentinels.connections() > 0) verdict.violations.push("the loopback listener was contacted");
      for (const pid of server.pool.pids())
        if (childrenOf(pid).length > 0) verdict.violations.push("a sandbox process started a child process");
      if (foreignRequests().length > 0) verdict.violations.push("a request reached a foreign host");
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
      const before = aws.requests().length;
      const code = `import _runscript_host, json\npayloads = json.loads(${JSON.stringify(JSON.stringify(batch))})\n[_runscript_host.call_sync(p) for p in payloads]`;
      const { structured } = await runScript(code, "python");
      const answers = Array.isArray(structured.result) ? structured.result : [];
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
        if (secrets().some((s) => s && text.includes(s))) violations.push("an answer contains a credential");
        if (STACK_TRACE.test(text)) violations.push("an answer contains a host stack trace");
        tally("fuzz:bridge-requests", `mutation ${i + k}: ${payload.slice(0, 80)}`, violations);
        options.onProgress?.(++done, total, "fuzz:bridge-requests");
      });
      const batchViolations: string[] = [];
      if (structured.status !== "success") batchViolations.push(`the fuzz run ended ${structured.status}`);
      for (const r of aws.requests().slice(before)) {
        if (
          /GetSessionToken|GetFederationToken|CreateAccessKey|PutObject|DeleteBucket|SendMessage/.test(
            r.operation,
          )
        ) {
          batchViolations.push(`${r.operation} left the host for a read-only principal`);
        }
        if (r.operation === "AssumeRole" && !r.roleArn?.endsWith("role/fuzz-agent"))
          batchViolations.push(`AssumeRole of ${r.roleArn}`);
      }
      if (foreignRequests().length > 0) batchViolations.push("a request reached a foreign host");
      if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoBefore)
        batchViolations.push("Object.prototype was polluted");
      if (sentinels.connections() > 0) batchViolations.push("the loopback listener was contacted");
      tally("fuzz:bridge-invariants", `batch ${i / 50}`, batchViolations);
    }
    // 3. Generated hostile MCP tool calls, as raw JSON-RPC over HTTP.
    const bodies = fc.sample(hostileMcpBody, { numRuns: mcpMutations, seed: options.seed + 1 });
    for (const [k, body] of bodies.entries()) {
      if (performance.now() - started > options.timeBudgetMs * 2) break;
      const violations: string[] = [];
      let status = 0;
      let text = "";
      try {
        const res = await fetch(server.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            authorization: `Bearer ${TOKEN}`,
          },
          body,
          signal: AbortSignal.timeout(60_000),
        });
        status = res.status;
        text = await res.text();
      } catch (error) {
        violations.push(`request failed: ${(error as Error).message}`);
      }
      if (status >= 500) violations.push(`HTTP ${status}`);
      if (STACK_TRACE.test(text)) violations.push("the response contains a host stack trace");
      if (secrets().some((s) => s && text.includes(s)))
        violations.push("the response contains a credential or token");
      const health = await fetch(new URL("/healthz", server.url))
        .then((r) => r.status)
        .catch(() => 0);
      if (health !== 200) violations.push("the server stopped answering /healthz");
      if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoBefore)
        violations.push("Object.prototype was polluted");
      tally("fuzz:mcp-arguments", `call ${k}: ${body.slice(0, 80)}`, violations);
      options.onProgress?.(++done, total, "fuzz:mcp-arguments");
    }
  } finally {
    await client.close().catch(() => undefined);
    await server.close(2_000);
    await sentinels.remove();
    await aws.close();
  }
  return report;
}
