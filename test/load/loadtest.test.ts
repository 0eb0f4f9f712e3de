/**
 * `runscript loadtest` against a real server: real MCP clients over Streamable HTTP, a JSON report,
 * and the HTML report rendered in headless Chromium. Also the short soak: many runs, server RSS
 * bounded and no leaked sandbox processes.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseConfig, type RunscriptServer, startServer } from "../../packages/server/src/index.js";

const bin = fileURLToPath(new URL("../../packages/cli/bin/runscript.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "runscript-load-"));
let server: RunscriptServer;

beforeAll(async () => {
  server = await startServer(
    parseConfig({ listen: { port: 0 }, pool: { size: 2, maxQueue: 64 }, log: { level: "silent" } }),
  );
});
afterAll(async () => {
  await server.close(2000);
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { timeout: 120_000, maxBuffer: 32 * 1048576 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

interface Report {
  calls: number;
  runsPerSecond: number;
  outcomes: Record<string, number>;
  latency: { p50: number; p99: number };
  wellBehavedLatency: { p50: number };
  server: { samples: number; maxResidentMemoryBytes: number | null };
}

it("drives the server with MCP clients and writes JSON and HTML reports", async () => {
  const html = join(dir, "report.html");
  const r = await cli([
    "loadtest",
    "--url",
    server.url,
    "--concurrency",
    "4",
    "--duration",
    "3s",
    "--scenario",
    "trivial",
    "--json",
    "--report",
    html,
  ]);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.calls).toBeGreaterThan(5);
  expect(report.runsPerSecond).toBeGreaterThan(0);
  expect(report.outcomes.success).toBe(report.calls);
  expect(report.latency.p50).toBeGreaterThan(0);
  expect(report.server.samples).toBeGreaterThan(0);
  expect(report.server.maxResidentMemoryBytes).toBeGreaterThan(0);
  const page = readFileSync(html, "utf8");
  expect(page).toContain("<svg");
  expect(page).not.toMatch(/<script|(src|href)=["']https?:/); // self-contained

  // Look at it in a headless browser: the DOM it renders and a screenshot.
  const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  expect(chromium, "headless Chromium (Debian package chromium; .ci/run installs it)").toBeDefined();
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    `--user-data-dir=${join(dir, "chrome")}`,
  ];
  const dom = execFileSync(chromium as string, [...flags, "--dump-dom", `file://${html}`], {
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(dom).toMatch(/id="runs-per-second">\d/);
  expect((dom.match(/<svg/g) ?? []).length).toBe(2);
  const png = join(dir, "report.png");
  execFileSync(
    chromium as string,
    [...flags, `--screenshot=${png}`, "--window-size=900,1100", `file://${html}`],
    { timeout: 60_000, stdio: "ignore" },
  );
  expect(statSync(png).size).toBeGreaterThan(10_000);
}, 180_000);

it("hostile scenario: bombs end as limits, every accepted run completes or says why", async () => {
  const r = await cli([
    "loadtest",
    "--url",
    server.url,
    "--concurrency",
    "4",
    "--duration",
    "4s",
    "--scenario",
    "hostile",
    "--json",
  ]);
  const report = JSON.parse(r.stdout) as Report;
  expect(r.code).toBe(0);
  expect(report.outcomes.transport_error ?? 0).toBe(0);
  expect(report.outcomes.success).toBeGreaterThan(0);
  expect((report.outcomes.timeout ?? 0) + (report.outcomes.memory_limit ?? 0)).toBeGreaterThan(0);
  const accounted = Object.values(report.outcomes).reduce((a, b) => a + b, 0);
  expect(accounted).toBe(report.calls);
}, 180_000);

it("short soak: 12 s of runs, no leaked sandbox processes, server RSS bounded", async () => {
  const rssBefore = process.memoryUsage.rss();
  const pidsBefore = server.pool.pids().length;
  const r = await cli([
    "loadtest",
    "--url",
    server.url,
    "--concurrency",
    "6",
    "--duration",
    "12s",
    "--scenario",
    "trivial",
    "--json",
  ]);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.calls).toBeGreaterThan(20);
  expect(report.outcomes.success).toBe(report.calls);
  expect(server.pool.pids().length).toBe(pidsBefore);
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean);
  expect(children.length).toBeLessThanOrEqual(server.pool.pids().length + 1);
  expect(process.memoryUsage.rss() - rssBefore).toBeLessThan(256 * 1048576);
}, 180_000);
