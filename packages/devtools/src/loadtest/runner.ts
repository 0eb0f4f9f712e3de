/**
 * Drives a running runscript server through real MCP clients (Streamable HTTP): `concurrency`
 * virtual users, each with its own client, calling `run_script` in a loop until the duration ends.
 * Loops are bounded in time and stop by themselves.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type ScenarioName, scenarioCall } from "./scenarios.js";
import { fetchServerFigures, type ServerFigures } from "./server-metrics.js";
import { type LatencySummary, summarize } from "./stats.js";

export interface LoadTestOptions {
  url: string;
  token?: string | undefined;
  concurrency: number;
  durationMs: number;
  scenario: ScenarioName;
  /** Called about twice a second with the figures so far. */
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  elapsedMs: number;
  calls: number;
  perSecond: number;
  p50: number;
  busy: number;
  failures: number;
}

/** One call as the client saw it. */
export interface CallRecord {
  startMs: number;
  latencyMs: number;
  kind: string;
  wellBehaved: boolean;
  /** A run status (success, error, timeout, ...), `busy`, `task`, or `transport_error`. */
  outcome: string;
}

export interface LoadTestReport {
  scenario: ScenarioName;
  url: string;
  concurrency: number;
  durationMs: number;
  calls: number;
  runsPerSecond: number;
  latency: LatencySummary;
  wellBehavedLatency: LatencySummary;
  outcomes: Record<string, number>;
  rejectedBusy: number;
  server: {
    samples: number;
    maxQueueDepth: number | null;
    minSandboxesReady: number | null;
    maxResidentMemoryBytes: number | null;
  };
  timeline: { second: number; calls: number; p50: number; p95: number }[];
  records: CallRecord[];
}

function classify(result: unknown): string {
  const r = result as {
    isError?: boolean;
    structuredContent?: { status?: unknown; task_id?: unknown };
    content?: { text?: string }[];
  };
  const status = r.structuredContent?.status;
  if (typeof r.structuredContent?.task_id === "string" && status === "running") return "task";
  if (typeof status === "string") return status;
  const text = r.content?.map((c) => c.text ?? "").join(" ") ?? "";
  if (r.isError && /busy|retry after|quota|rate/i.test(text)) return "busy";
  return r.isError ? "tool_error" : "success";
}

async function virtualUser(
  options: LoadTestOptions,
  deadline: number,
  t0: number,
  records: CallRecord[],
): Promise<void> {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const client = new Client({ name: "runscript-loadtest", version: "0.1.0" });
  const transport = new StreamableHTTPClientTransport(new URL(options.url), { requestInit: { headers } });
  try {
    await client.connect(transport);
  } catch (error) {
    records.push({
      startMs: performance.now() - t0,
      latencyMs: 0,
      kind: "connect",
      wellBehaved: false,
      outcome: /429/.test(String(error)) ? "busy" : "transport_error",
    });
    return;
  }
  try {
    for (let n = 0; performance.now() < deadline; n++) {
      const call = scenarioCall(options.scenario, n);
      const started = performance.now();
      let outcome: string;
      try {
        const result = await client.callTool({ name: "run_script", arguments: call.arguments }, undefined, {
          timeout: Math.max(60_000, deadline - started + 30_000),
        });
        outcome = classify(result);
      } catch (error) {
        outcome = /429|busy/i.test(String(error)) ? "busy" : "transport_error";
      }
      records.push({
        startMs: started - t0,
        latencyMs: performance.now() - started,
        kind: call.kind,
        wellBehaved: call.wellBehaved,
        outcome,
      });
      if (outcome === "busy") await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Runs the load test and returns its report. */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestReport> {
  const records: CallRecord[] = [];
  const samples: ServerFigures[] = [];
  const t0 = performance.now();
  const deadline = t0 + options.durationMs;
  const sampler = setInterval(() => {
    void fetchServerFigures(options.url, options.token).then((f) => {
      if (f) samples.push(f);
    });
    if (options.onProgress) {
      const elapsedMs = performance.now() - t0;
      const latencies = records.map((r) => r.latencyMs);
      options.onProgress({
        elapsedMs,
        calls: records.length,
        perSecond: records.length / (elapsedMs / 1000),
        p50: summarize(latencies).p50,
        busy: records.filter((r) => r.outcome === "busy").length,
        failures: records.filter((r) => r.outcome === "transport_error" || r.outcome === "tool_error").length,
      });
    }
  }, 500);
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, () => virtualUser(options, deadline, t0, records)),
    );
  } finally {
    clearInterval(sampler);
  }
  const elapsed = performance.now() - t0;
  const finished = records.filter((r) => r.kind !== "connect");
  const outcomes: Record<string, number> = {};
  for (const r of records) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  const completed = finished.filter((r) => r.outcome !== "busy" && r.outcome !== "transport_error");
  const timeline: LoadTestReport["timeline"] = [];
  for (let s = 0; s * 1000 < elapsed; s++) {
    const inSecond = finished.filter(
      (r) => r.startMs + r.latencyMs >= s * 1000 && r.startMs + r.latencyMs < (s + 1) * 1000,
    );
    const l = summarize(inSecond.map((r) => r.latencyMs));
    timeline.push({ second: s, calls: inSecond.length, p50: l.p50, p95: l.p95 });
  }
  const pick = (f: (s: ServerFigures) => number | null, agg: (a: number, b: number) => number) =>
    samples
      .map(f)
      .reduce<number | null>((acc, v) => (v === null ? acc : acc === null ? v : agg(acc, v)), null);
  return {
    scenario: options.scenario,
    url: options.url,
    concurrency: options.concurrency,
    durationMs: Math.round(elapsed),
    calls: finished.length,
    runsPerSecond: completed.length / (elapsed / 1000),
    latency: summarize(completed.map((r) => r.latencyMs)),
    wellBehavedLatency: summarize(completed.filter((r) => r.wellBehaved).map((r) => r.latencyMs)),
    outcomes,
    rejectedBusy: outcomes.busy ?? 0,
    server: {
      samples: samples.length,
      maxQueueDepth: pick((s) => s.queueDepth, Math.max),
      minSandboxesReady: pick((s) => s.sandboxesReady, Math.min),
      maxResidentMemoryBytes: pick((s) => s.residentMemoryBytes, Math.max),
    },
    timeline,
    records,
  };
}
