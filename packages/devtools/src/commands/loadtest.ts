/**
 * `runscript loadtest --url URL [--token T] --concurrency N --duration 30s --scenario NAME [--json] [--report out.html]`
 *
 * Drives a running server through real MCP clients and prints runs/s, latency percentiles,
 * outcomes, busy rejections and server-side figures read from /metrics.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError } from "runscript/usage-error";
import { renderHtmlReport } from "../loadtest/report-html.js";
import { type LoadTestReport, runLoadTest } from "../loadtest/runner.js";
import { SCENARIOS, type ScenarioName } from "../loadtest/scenarios.js";

const HELP = `usage: runscript loadtest --url URL [options]
  --url URL            the server's MCP endpoint, e.g. http://127.0.0.1:8787/mcp
  --token T            bearer token of a principal (or RUNSCRIPT_TOKEN)
  --concurrency N      virtual users, each with its own MCP client (default 4, max 1000)
  --duration D         how long: 30s, 2m, 500ms (default 30s, max 1h)
  --scenario S         ${SCENARIOS.join(" | ")} (default trivial)
  --json               print the report as JSON (without per-call records)
  --report FILE.html   also write a self-contained HTML report with charts
`;

/** Parses 30s / 2m / 500ms / 1h into milliseconds. */
export function parseDuration(text: string): number {
  const m = text.match(/^(\d+(?:\.\d+)?)(ms|s|m|h)?$/);
  if (!m?.[1]) throw new UsageError(`--duration takes a number with ms, s, m or h, got '${text}'`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"] ?? 1000;
  return Math.round(Number(m[1]) * unit);
}

function printHuman(r: LoadTestReport): void {
  const ms = (v: number) => (Number.isNaN(v) ? "n/a" : `${v.toFixed(1)} ms`);
  const lines = [
    `scenario ${r.scenario}, concurrency ${r.concurrency}, ${(r.durationMs / 1000).toFixed(1)} s, ${r.calls} calls`,
    `runs/s              ${r.runsPerSecond.toFixed(1)}`,
    `latency             p50 ${ms(r.latency.p50)}  p95 ${ms(r.latency.p95)}  p99 ${ms(r.latency.p99)}  max ${ms(r.latency.max)}`,
    `well-behaved runs   p50 ${ms(r.wellBehavedLatency.p50)}  p95 ${ms(r.wellBehavedLatency.p95)}`,
    `outcomes            ${Object.entries(r.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `rejected as busy    ${r.rejectedBusy}`,
    `server (/metrics)   max queue depth ${r.server.maxQueueDepth ?? "n/a"}, min sandboxes ready ${r.server.minSandboxesReady ?? "n/a"}, max RSS ${r.server.maxResidentMemoryBytes === null ? "n/a" : `${(r.server.maxResidentMemoryBytes / 1048576).toFixed(0)} MiB`} (${r.server.samples} samples)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

export async function run(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.url) throw new UsageError(`--url is required\n\n${HELP}`);
  try {
    new URL(values.url);
  } catch {
    throw new UsageError(`--url is not a URL: '${values.url}'`);
  }
  const concurrency = Number(values.concurrency ?? "4");
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
    throw new UsageError("--concurrency takes a whole number from 1 to 1000");
  }
  const durationMs = parseDuration(values.duration ?? "30s");
  if (durationMs < 100 || durationMs > 3_600_000)
    throw new UsageError("--duration must be between 100ms and 1h");
  const scenario = (values.scenario ?? "trivial") as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new UsageError(`--scenario takes ${SCENARIOS.join(", ")}`);
  const live = process.stderr.isTTY;
  const report = await runLoadTest({
    url: values.url,
    token: values.token ?? process.env.RUNSCRIPT_TOKEN,
    concurrency,
    durationMs,
    scenario,
    onProgress: (p) => {
      const width = 30;
      const done = Math.min(width, Math.round((p.elapsedMs / durationMs) * width));
      const line = `[${"#".repeat(done)}${".".repeat(width - done)}] ${(p.elapsedMs / 1000).toFixed(1)}s ${p.calls} calls ${p.perSecond.toFixed(1)}/s p50 ${Number.isNaN(p.p50) ? "-" : p.p50.toFixed(0)}ms busy ${p.busy} failures ${p.failures}`;
      process.stderr.write(live ? `\r${line}` : `${line}\n`);
    },
  });
  if (live) process.stderr.write("\n");
  if (values.report) writeFileSync(values.report, renderHtmlReport(report));
  if (values.json) {
    const { records: _records, ...rest } = report;
    process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
  } else printHuman(report);
  const lost = (report.outcomes.transport_error ?? 0) + (report.outcomes.tool_error ?? 0);
  return lost > 0 ? 1 : 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: "string" },
      token: { type: "string" },
      concurrency: { type: "string" },
      duration: { type: "string" },
      scenario: { type: "string" },
      json: { type: "boolean" },
      report: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
