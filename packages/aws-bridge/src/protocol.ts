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
  /** Protocol version of the answer's tags: 2 (`$ts`, `$stream`); absent = v1 (`$date`, `$bytes`). */
  v: z.literal(2).optional(),
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

/** What a boto3 client needs to know about its service (`boto3.client(name)`). */
export const AwsClientRequestSchema = z.strictObject({
  op: z.literal("aws.client"),
  service: name,
  region: z.string().max(64).nullable().optional(),
});
export type AwsClientRequest = z.infer<typeof AwsClientRequestSchema>;

/** botocore's waiter config for one waiter (`bucket_exists` or `BucketExists`). */
export const AwsWaiterRequestSchema = z.strictObject({
  op: z.literal("aws.waiter"),
  service: name,
  name: name,
});
export type AwsWaiterRequest = z.infer<typeof AwsWaiterRequestSchema>;

export const BridgeRequestSchema = z.discriminatedUnion("op", [
  AwsCallRequestSchema,
  AwsPaginatorRequestSchema,
  AwsDocRequestSchema,
  AwsClientRequestSchema,
  AwsWaiterRequestSchema,
]);
export type BridgeRequest = z.infer<typeof BridgeRequestSchema>;

/**
 * What a failure is, which decides the exception the Python side raises (see
 * `/work/team/bridge-protocol-v2.md`): `client` an AWS error (`ClientError`), `validation`
 * `ParamValidationError`, `unknown_service` `UnknownServiceError`, `unknown_operation`
 * `AttributeError`, `unknown_waiter` `ValueError`, `connection` `EndpointConnectionError`,
 * `read_timeout` `ReadTimeoutError`, `refused` a runscript refusal (`ClientError` with its code),
 * `host` a host fault (`ClientError` `InternalError`).
 */
export const BridgeErrorKindSchema = z.enum([
  "client",
  "validation",
  "unknown_service",
  "unknown_operation",
  "unknown_waiter",
  "connection",
  "read_timeout",
  "refused",
  "host",
]);
export type BridgeErrorKind = z.infer<typeof BridgeErrorKindSchema>;

/** One parameter-validation problem, as botocore's `ValidationErrors.report(name, type, ...)`. */
export const ValidationProblemSchema = z.object({
  type: z.enum([
    "missing required field",
    "unknown field",
    "invalid type",
    "invalid range",
    "invalid length",
    "invalid type for document",
    "unable to encode to json",
    "more than one input",
    "empty input",
  ]),
  /** botocore's `name` argument (`""` is the input, `.Filters[0].Name` a member). */
  name: z.string(),
  /** Keys and indices from the params to the offending value. */
  path: z.array(z.union([z.string(), z.number()])),
  /** True when the problem is a map key (the last path element). */
  key: z.boolean().optional(),
  required_name: z.string().optional(),
  unknown_param: z.string().optional(),
  valid_names: z.array(z.string()).optional(),
  valid_types: z.array(z.string()).optional(),
  min_allowed: z.number().optional(),
  members: z.array(z.string()).optional(),
});
export type ValidationProblem = z.infer<typeof ValidationProblemSchema>;

/** The AWS-style error a script sees (Python: `botocore.exceptions.ClientError` and friends). */
export const BridgeErrorSchema = z.object({
  /** Which exception the sandbox raises (absent in answers from older hosts: read as `client`). */
  kind: BridgeErrorKindSchema.optional(),
  code: z.string(),
  message: z.string(),
  httpStatus: z.number().int().nullable(),
  requestId: z.string().nullable(),
  /** The operation's PascalCase name, for error messages in the sandbox. */
  operation: z.string().nullable(),
  /** `client` and `refused`: the botocore error response dict (`Error`, `ResponseMetadata`, ...). */
  response: z.record(z.string(), z.unknown()).optional(),
  /** `validation`: botocore's report text, one problem per line. */
  report: z.string().optional(),
  /** `validation`: the problems, for the sandbox to render with the script's own values. */
  problems: z.array(ValidationProblemSchema).optional(),
  /** `unknown_service`: installed service names. */
  known: z.array(z.string()).optional(),
  /** `unknown_operation`: close operation names. */
  near: z.array(z.string()).optional(),
  /** `connection` / `read_timeout`: a public-style endpoint URL. */
  endpoint: z.string().optional(),
});
export type BridgeError = z.infer<typeof BridgeErrorSchema>;

/** botocore's paginator config for one operation, exactly as in its `paginators-1.json`. */
export const PaginatorInfoSchema = z.looseObject({
  input_token: z.union([z.string(), z.array(z.string())]),
  output_token: z.union([z.string(), z.array(z.string())]),
  limit_key: z.string().optional(),
  result_key: z.union([z.string(), z.array(z.string())]).optional(),
  more_results: z.string().optional(),
  non_aggregate_keys: z.array(z.string()).optional(),
  /** Not botocore's: the model type of `limit_key`, which `PageSize` is converted to. */
  limit_key_type: z.enum(["string", "integer"]).optional(),
});
export type PaginatorInfo = z.infer<typeof PaginatorInfoSchema>;

/** The `aws.client` answer: what a boto3 client object knows about its service. */
export const ClientInfoSchema = z.object({
  service: z.string(),
  serviceId: z.string(),
  signingName: z.string(),
  apiVersion: z.string().nullable(),
  /** boto3 method name -> API operation name, for every operation the host can call. */
  operations: z.record(z.string(), z.string()),
  /** boto3 method names that `can_paginate`, sorted. */
  paginators: z.array(z.string()),
  /** `client.waiter_names`: boto3 waiter names, sorted. */
  waiters: z.array(z.string()),
  /** Modeled error shape name -> the code on the wire (`NoSuchEntityException` -> `NoSuchEntity`). */
  errors: z.record(z.string(), z.string()),
  /** The region the client uses (the run's default when the script names none). */
  region: z.string(),
});
export type ClientInfo = z.infer<typeof ClientInfoSchema>;

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
