/**
 * A self-contained HTML page for a load-test report: summary tables plus two inline-SVG charts
 * (latency over time, throughput per second). No scripts, no external resources.
 */
import type { LoadTestReport } from "./runner.js";

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: number | null, unit = "") =>
  v === null || Number.isNaN(v) ? "n/a" : `${v.toFixed(1)}${unit}`;

function chart(
  title: string,
  points: { x: number; y: number }[],
  color: string,
  yLabel: string,
  bars: boolean,
): string {
  const w = 720;
  const h = 240;
  const pad = 40;
  const maxX = Math.max(1, ...points.map((p) => p.x)) + (bars ? 1 : 0);
  const maxY = Math.max(1, ...points.map((p) => (Number.isFinite(p.y) ? p.y : 0)));
  const sx = (x: number) => pad + (x / maxX) * (w - 2 * pad);
  const sy = (y: number) => h - pad - (y / maxY) * (h - 2 * pad);
  const shapes = points
    .filter((p) => Number.isFinite(p.y))
    .map((p) =>
      bars
        ? `<rect x="${sx(p.x).toFixed(1)}" y="${sy(p.y).toFixed(1)}" width="${Math.max(2, (w - 2 * pad) / (maxX + 1) - 2).toFixed(1)}" height="${(h - pad - sy(p.y)).toFixed(1)}" fill="${color}"/>`
        : `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2" fill="${color}"/>`,
    )
    .join("");
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#444"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${h - pad}" stroke="#444"/>
<text x="${pad}" y="${pad - 8}" font-size="11">${esc(yLabel)} (max ${maxY.toFixed(1)})</text><text x="${w - pad}" y="${h - 10}" font-size="11" text-anchor="end">seconds (${maxX.toFixed(0)})</text>
${shapes}</svg></figure>`;
}

/** Renders the report as one HTML document. */
export function renderHtmlReport(r: LoadTestReport): string {
  const outcomes = Object.entries(r.outcomes)
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${v}</td></tr>`)
    .join("");
  const latencyPoints = r.records
    .filter((c) => c.kind !== "connect")
    .map((c) => ({ x: (c.startMs + c.latencyMs) / 1000, y: c.latencyMs }));
  const throughput = r.timeline.map((t) => ({ x: t.second, y: t.calls }));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>runscript load test: ${esc(r.scenario)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}figure{margin:1.5rem 0}</style></head><body>
<h1>runscript load test: ${esc(r.scenario)}</h1>
<p>${esc(r.url)}, concurrency ${r.concurrency}, ${(r.durationMs / 1000).toFixed(1)} s</p>
<table><tr><th>runs/s</th><td id="runs-per-second">${r.runsPerSecond.toFixed(1)}</td></tr>
<tr><th>calls</th><td>${r.calls}</td></tr>
<tr><th>latency p50 / p95 / p99 / max</th><td>${fmt(r.latency.p50, " ms")} / ${fmt(r.latency.p95, " ms")} / ${fmt(r.latency.p99, " ms")} / ${fmt(r.latency.max, " ms")}</td></tr>
<tr><th>well-behaved runs p50 / p95</th><td>${fmt(r.wellBehavedLatency.p50, " ms")} / ${fmt(r.wellBehavedLatency.p95, " ms")}</td></tr>
<tr><th>rejected as busy</th><td>${r.rejectedBusy}</td></tr>
<tr><th>server: max queue depth / min sandboxes ready / max RSS</th><td>${fmt(r.server.maxQueueDepth)} / ${fmt(r.server.minSandboxesReady)} / ${r.server.maxResidentMemoryBytes === null ? "n/a" : `${(r.server.maxResidentMemoryBytes / 1048576).toFixed(0)} MiB`}</td></tr></table>
<h2>Outcomes</h2><table><tr><th>outcome</th><th>calls</th></tr>${outcomes}</table>
${chart("Latency over time (each call)", latencyPoints, "#1f6feb", "latency ms", false)}
${chart("Throughput (calls completed per second)", throughput, "#2da44e", "calls/s", true)}
</body></html>
`;
}
