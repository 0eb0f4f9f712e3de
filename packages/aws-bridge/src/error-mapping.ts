/**
 * Any failure of a call → the `BridgeError` a script sees. AWS service errors keep AWS's code,
 * message, status and request id; the bridge's own errors keep their code; network failures become
 * `NetworkError`; anything else is the host's fault (`InternalError`), logged on the host with its
 * stack, answered without one. Every message passes through the credential redactor.
 */
import type { Logger } from "pino";
import { AwsServiceError } from "./aws-call.js";
import { AwsBridgeError, ERROR_HTTP_STATUS, ERROR_KIND } from "./errors.js";
import type { BridgeError } from "./protocol.js";

const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);
const NETWORK_NAMES: ReadonlySet<string> = new Set(["TimeoutError", "RequestTimeout", "AbortError"]);
const MAX_MESSAGE = 1000;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function clean(message: string, redact: (text: string) => string): string {
  const firstLines = message.split("\n").slice(0, 3).join(" ");
  const text = redact(firstLines);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}...` : text;
}

/** Context of the failed call, for the answer and the host log. */
export interface FailureContext {
  service: string | null;
  operation: string | null;
  region: string | null;
  redact: (text: string) => string;
  logger: Logger;
}

/** Maps a thrown value to the error answer (never includes stacks or credentials). */
export function toBridgeError(err: unknown, ctx: FailureContext): BridgeError {
  const operation = ctx.operation;
  if (err instanceof AwsServiceError) {
    return {
      kind: "client",
      code: err.code.slice(0, 256),
      message: clean(err.message, ctx.redact),
      httpStatus: err.status,
      requestId: err.requestId,
      operation,
      response: err.response,
    };
  }
  if (err instanceof AwsBridgeError) {
    return {
      kind: ERROR_KIND[err.code],
      code: err.code,
      message: clean(err.message, ctx.redact),
      httpStatus: ERROR_HTTP_STATUS[err.code],
      requestId: null,
      operation,
      ...err.details,
    };
  }
  const e = record(err);
  const metadata = record(e?.$metadata);
  const status = metadata?.httpStatusCode;
  const name = typeof e?.name === "string" ? e.name : "Error";
  const message = typeof e?.message === "string" ? e.message : "";
  if (metadata && (typeof status === "number" || e?.$fault !== undefined)) {
    return {
      kind: "client",
      code: name,
      message: clean(message || name, ctx.redact),
      httpStatus: typeof status === "number" ? status : null,
      requestId: typeof metadata.requestId === "string" ? metadata.requestId : null,
      operation,
    };
  }
  // A bridge error thrown inside the SDK (e.g. from a credentials provider) may arrive wrapped.
  if (e?.cause instanceof AwsBridgeError) return toBridgeError(e.cause, ctx);
  const sysCode = typeof e?.code === "string" ? e.code : "";
  const causeCode = typeof record(e?.cause)?.code === "string" ? String(record(e?.cause)?.code) : "";
  const netCode = NETWORK_CODES.has(sysCode) ? sysCode : NETWORK_CODES.has(causeCode) ? causeCode : "";
  if (netCode || NETWORK_NAMES.has(name)) {
    return {
      kind: "connection",
      code: "NetworkError",
      message: `could not reach ${ctx.service ?? "AWS"} in ${ctx.region ?? "the region"} (${netCode || name})`,
      httpStatus: ERROR_HTTP_STATUS.NetworkError,
      requestId: null,
      operation,
    };
  }
  ctx.logger.error(
    {
      event: "aws_bridge_internal_error",
      service: ctx.service,
      operation,
      region: ctx.region,
      errorName: name,
      errorMessage: clean(message, ctx.redact),
      stack: typeof e?.stack === "string" ? ctx.redact(e.stack) : undefined,
    },
    "internal error in the AWS bridge",
  );
  return {
    kind: "host",
    code: "InternalError",
    message: `the AWS bridge failed to make the call (${name}: ${clean(message, ctx.redact).slice(0, 200)})`,
    httpStatus: ERROR_HTTP_STATUS.InternalError,
    requestId: null,
    operation,
  };
}
