/**
 * How a run ended when the call into its isolate threw: killed by the host's hard stop, the isolate
 * torn down by V8's heap limit, or a crash of the runtime.
 */
import type { IsolateOutcome } from "../shared/isolate-outcome.js";

/**
 * @param killedByHost the sandbox process killed the isolate (deadline or cancellation)
 * @param isolateDisposed the isolate is gone (V8 disposes an isolate that hits its heap limit)
 */
export function failedRun(error: unknown, killedByHost: boolean, isolateDisposed: boolean): IsolateOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (killedByHost) return { kind: "disposed", reason: "killed", message };
  // Not killed by the host, yet gone: V8 disposes an isolate that reaches its heap limit.
  if (isolateDisposed) return { kind: "disposed", reason: "js_heap_limit", message };
  return { kind: "crashed", message };
}
