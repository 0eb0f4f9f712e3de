/** Concise text renderings of tool results, for clients that show `content` rather than structure. */
import type { ApiCallRecord, BridgeResponse } from "@runscript/aws-bridge";
import type { RunRecord } from "@runscript/runner";

const clip = (s: string, n: number) =>
  s.length > n ? `${s.slice(0, n)}… [${s.length - n} more characters in structuredContent]` : s;

export function summarizeCalls(calls: readonly ApiCallRecord[]): string {
  if (calls.length === 0) return "no AWS calls";
  const counts = new Map<string, number>();
  for (const c of calls) {
    const key = `${c.service}:${c.operation} ${c.status}${c.errorCode ? ` (${c.errorCode})` : ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `${calls.length} AWS calls: ${[...counts].map(([k, n]) => `${n}x ${k}`).join(", ")}`;
}

export function runText(o: RunRecord): string {
  const lines = [`status: ${o.status} in ${Math.round(o.durationMs)} ms (run ${o.run_id})`];
  if (o.status === "success") lines.push(`result: ${clip(JSON.stringify(o.result), 4000)}`);
  if (o.error)
    lines.push(`error: ${o.error.type}: ${clip(o.error.message, 1000)}`, clip(o.error.traceback, 2000));
  if (o.stdout) lines.push(`stdout${o.truncated.stdout ? " (truncated)" : ""}:\n${clip(o.stdout, 2000)}`);
  if (o.stderr) lines.push(`stderr${o.truncated.stderr ? " (truncated)" : ""}:\n${clip(o.stderr, 1000)}`);
  lines.push(summarizeCalls(o.api_calls));
  return lines.filter(Boolean).join("\n");
}

export function awsText(r: BridgeResponse): string {
  return r.ok ? clip(JSON.stringify(r.value), 8000) : `${r.error.code}: ${r.error.message}`;
}
