/**
 * The host-call channel: how a script's request leaves its isolate, crosses the sandbox process and
 * reaches the host's handler (in the server: the AWS bridge), and how the answer comes back.
 *
 * The sandbox carries opaque payloads (JSON text it never parses) and knows nothing of what they
 * mean. When it cannot deliver a call or an answer, it says so with one of its own failure codes
 * below; the runtime inside the isolate that speaks the bridge protocol (`sandbox-images/runtime/`)
 * turns a failure into the error the script sees. The sandbox never invents a bridge answer.
 */
import { z } from "zod";

/**
 * Why a host call got no answer from the host's handler:
 * - `NO_HANDLER`: the run was started without a host-call handler (e.g. no AWS bridge configured);
 * - `PAYLOAD_TOO_LARGE`: the payload is longer than the run's `maxHostCallChars`; refused inside the
 *   sandbox process, before it crosses to the host;
 * - `HANDLER_FAILED`: the host's handler threw instead of answering (a fault of the host);
 * - `RUN_ENDED`: the run ended (finished, timed out, cancelled) while the call was in flight.
 */
export const HostCallFailureCodeSchema = z.enum([
  "NO_HANDLER",
  "PAYLOAD_TOO_LARGE",
  "HANDLER_FAILED",
  "RUN_ENDED",
]);
export type HostCallFailureCode = z.infer<typeof HostCallFailureCodeSchema>;

/** A failed host call, as the isolate's runtime receives it. `message` says what happened. */
export const HostCallFailureSchema = z.strictObject({
  code: HostCallFailureCodeSchema,
  message: z.string().max(1000),
});
export type HostCallFailure = z.infer<typeof HostCallFailureSchema>;

/** What the host sends back for one call: the handler's answer, or why there is none. */
export const HostCallReplySchema = z.union([
  z.strictObject({ answer: z.string() }),
  z.strictObject({ failure: HostCallFailureSchema }),
]);
export type HostCallReply = z.infer<typeof HostCallReplySchema>;

/**
 * Answers a script's host calls for one run: JSON text in, JSON text out. A rejection reaches the
 * script as `HANDLER_FAILED` with the error's name (never its message or stack: they are the host's).
 */
export type HostCallHandler = (payload: string) => Promise<string>;
