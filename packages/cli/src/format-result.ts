/** Human-readable rendering of a run result, for the terminal. */
import type { ApiCallRecord } from "@runscript/aws-bridge";
import type { RunResult } from "@runscript/sandbox";

export function formatRunResult(result: RunResult & { api_calls?: ApiCallRecord[] }): string {
  const parts: string[] = [];
  if (result.stdout) parts.push(result.stdout.endsWith("\n") ? result.stdout : `${result.stdout}\n`);
  if (result.stderr)
    parts.push(`--- stderr ---\n${result.stderr.endsWith("\n") ? result.stderr : `${result.stderr}\n`}`);
  if (result.error) {
    parts.push(result.error.traceback || `${result.error.type}: ${result.error.message}\n`);
  }
  if (result.status === "success" && result.result !== null) {
    parts.push(`result: ${JSON.stringify(result.result, null, 2)}\n`);
  }
  const calls = result.api_calls ?? [];
  if (calls.length > 0) {
    const failed = calls.filter((c) => c.status !== "success").length;
    parts.push(`AWS calls: ${calls.length}${failed ? ` (${failed} failed or denied)` : ""}\n`);
  }
  const truncated = result.truncated.stdout || result.truncated.stderr ? " (output truncated)" : "";
  parts.push(`status: ${result.status} in ${Math.round(result.durationMs)} ms${truncated}\n`);
  return parts.join("");
}
