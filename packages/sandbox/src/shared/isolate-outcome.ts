/**
 * How a run ended inside its isolate: the one shape the sandbox process produces and sends to the
 * host in its `run_done` message (the host maps it onto the public `RunResult` in `run-outcome.ts`).
 */
import { z } from "zod";

export const IsolateOutcomeSchema = z.discriminatedUnion("kind", [
  /** The runtime returned; `json` is its (hostile) report of the script's result or error. */
  z.strictObject({ kind: z.literal("completed"), json: z.string(), memoryCapHit: z.boolean() }),
  /** The isolate was torn down under the run: by the host's hard stop, or by V8's heap limit. */
  z.strictObject({
    kind: z.literal("disposed"),
    reason: z.enum(["killed", "js_heap_limit"]),
    message: z.string(),
  }),
  /** The runtime itself failed (not the script). */
  z.strictObject({ kind: z.literal("crashed"), message: z.string() }),
]);
export type IsolateOutcome = z.infer<typeof IsolateOutcomeSchema>;
