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
  // isolated-vm reports a heap-limit death only by its message ("Isolate was disposed during
  // execution due to memory limit"); there is no code to branch on.
  if (isolateDisposed || /memory limit/i.test(message))
    return { kind: "disposed", reason: "js_heap_limit", message };
  return { kind: "crashed", message };
}
