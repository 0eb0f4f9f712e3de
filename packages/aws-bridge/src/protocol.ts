/**
 * The wire protocol between the Python (or JavaScript) code inside a sandbox and the host's AWS bridge.
 *
 * A sandbox sends one JSON string per request and receives one JSON string back. Everything in a
 * request is hostile: it is parsed here, once, and nowhere else.
 *
 * Values inside `params` and inside a successful response use a small tagged encoding so binary data
 * and timestamps survive JSON intact:
 * - `{"$bytes": "<base64>"}` is a byte string (Python `bytes`, JavaScript `Uint8Array`)
 * - `{"$date": "<ISO 8601>"}` is a timestamp (Python `datetime`, JavaScript `Date`)
 * A dict whose only key is `$bytes` or `$date` is always read as such a tag.
 */
import { z } from "zod";

/** Largest request a sandbox may send, in bytes of JSON (checked before parsing). */
export const MAX_BRIDGE_REQUEST_BYTES = 6 * 1024 * 1024;

const name = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, "only letters, digits, '_', '.', '-'");

/** One AWS API call: `service` and `operation` as the script wrote them (any case, snake or Pascal). */
export const AwsCallRequestSchema = z.strictObject({
  op: z.literal("aws.call"),
  service: name,
  operation: name,
  region: z.string().max(64).nullable().optional(),
  params: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type AwsCallRequest = z.infer<typeof AwsCallRequestSchema>;

/** Pagination metadata for one operation, so the sandbox-side paginator can loop. */
export const AwsPaginatorRequestSchema = z.strictObject({
  op: z.literal("aws.paginator"),
  service: name,
  operation: name,
});
export type AwsPaginatorRequest = z.infer<typeof AwsPaginatorRequestSchema>;

/** The documentation of one operation (Python's `help(client.method)` / `__doc__`). */
export const AwsDocRequestSchema = z.strictObject({
  op: z.literal("aws.doc"),
  service: name,
  operation: name,
});
export type AwsDocRequest = z.infer<typeof AwsDocRequestSchema>;

/** The answer value of an `aws.doc` request. */
export const AwsDocValueSchema = z.object({ text: z.string() });
export type AwsDocValue = z.infer<typeof AwsDocValueSchema>;

export const BridgeRequestSchema = z.discriminatedUnion("op", [
  AwsCallRequestSchema,
  AwsPaginatorRequestSchema,
  AwsDocRequestSchema,
]);
export type BridgeRequest = z.infer<typeof BridgeRequestSchema>;

/** The AWS-style error a script sees (Python: `botocore.exceptions.ClientError`). */
export const BridgeErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  httpStatus: z.number().int().nullable(),
  requestId: z.string().nullable(),
  /** The operation's PascalCase name, for error messages in the sandbox. */
  operation: z.string().nullable(),
});
export type BridgeError = z.infer<typeof BridgeErrorSchema>;

export const PaginatorInfoSchema = z.object({
  /** Request key that carries the token, e.g. `ContinuationToken`. */
  inputToken: z.string(),
  /** Response key that carries the next token, e.g. `NextContinuationToken`. */
  outputToken: z.string(),
  /** Request key that sets the page size, e.g. `MaxKeys`, if any. */
  pageSizeKey: z.string().nullable(),
});
export type PaginatorInfo = z.infer<typeof PaginatorInfoSchema>;

export const BridgeResponseSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: BridgeErrorSchema }),
]);
export type BridgeResponse = z.infer<typeof BridgeResponseSchema>;

/** One entry of a run result's `api_calls`: what was called and how it ended (no parameter values). */
export const ApiCallRecordSchema = z.object({
  service: z.string(),
  operation: z.string(),
  region: z.string().nullable(),
  status: z.enum(["success", "error", "denied"]),
  durationMs: z.number(),
  errorCode: z.string().nullable(),
});
export type ApiCallRecord = z.infer<typeof ApiCallRecordSchema>;
