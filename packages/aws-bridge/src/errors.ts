/**
 * Errors of the AWS bridge: one class with a stable `code`, and the table that maps each code to the
 * HTTP status a script sees in its bridge error (Python: `ClientError.response["ResponseMetadata"]`).
 *
 * AWS's own errors (e.g. `NoSuchBucket`) pass through with AWS's code; the codes below are the
 * bridge's. Callers and tests branch on `code`, never on message text.
 */
import { z } from "zod";
import type { BridgeError, BridgeErrorKind } from "./protocol.js";

/** Extra fields an error answer may carry (validation problems, suggestions, ...). */
export type BridgeErrorDetails = Pick<BridgeError, "report" | "problems" | "known" | "near">;

/** Every code the bridge itself produces, as a schema (the single source of truth for the union). */
export const AwsBridgeErrorCodeSchema = z.enum([
  /** The payload is not JSON, or not a valid bridge request. */
  "InvalidRequest",
  /** The request JSON is over `maxRequestBytes`. */
  "RequestTooLarge",
  /** The service is not in the registry (`services.ts`). */
  "UnknownService",
  /** The service has no such operation (or it is a client-side boto3 helper, not an API call). */
  "UnknownOperation",
  /** The region is not a real AWS region name. */
  "InvalidRegion",
  /** A parameter is unsafe or malformed (prototype keys, bad tags, foreign URLs, too deep). */
  "InvalidParameterValue",
  /** The params do not fit the operation's input shape (botocore's `ParamValidationError`). */
  "ParamValidation",
  /** The service has no waiter of that name. */
  "UnknownWaiter",
  /** Policy (allow/deny patterns, read-only mode, the credential-operation deny list) refused the call. */
  "AccessDeniedByPolicy",
  /** The run has made its maximum number of AWS calls. */
  "CallBudgetExceeded",
  /** The response is over `maxResponseBytes`. */
  "ResponseTooLarge",
  /** The operation answers with an event stream, which the bridge does not carry. */
  "UnsupportedOperation",
  /** The host could not obtain credentials for the principal (e.g. AssumeRole failed). */
  "CredentialsUnavailable",
  /** The AWS endpoint could not be reached (connection refused, DNS, timeout). */
  "NetworkError",
  /** A fault of the host itself; details are in the host's log, never in the answer. */
  "InternalError",
  /** The bridge has been closed. */
  "BridgeClosed",
  /**
   * The run has no bridge (sandbox failure `NO_HANDLER`). Produced by the sandbox's runtimes, which
   * map the sandbox's host-call failures onto these tables (`sandbox-images/runtime/`).
   */
  "BridgeUnavailable",
  /** The run ended before the call was answered (sandbox failure `RUN_ENDED`; see above). */
  "RunEnded",
  /** Host configuration is invalid (thrown by constructors, never sent to a sandbox). */
  "InvalidConfig",
  /** A run asked for a budget above the operator's maximum (thrown by `forRun`). */
  "LimitAboveMaximum",
]);
export type AwsBridgeErrorCode = z.infer<typeof AwsBridgeErrorCodeSchema>;

/** The HTTP status a script sees for each bridge code (one table, used everywhere). */
export const ERROR_HTTP_STATUS: Readonly<Record<AwsBridgeErrorCode, number>> = {
  InvalidRequest: 400,
  RequestTooLarge: 413,
  UnknownService: 400,
  UnknownOperation: 400,
  InvalidRegion: 400,
  InvalidParameterValue: 400,
  ParamValidation: 400,
  UnknownWaiter: 400,
  AccessDeniedByPolicy: 403,
  CallBudgetExceeded: 429,
  ResponseTooLarge: 413,
  UnsupportedOperation: 400,
  CredentialsUnavailable: 500,
  NetworkError: 502,
  InternalError: 500,
  BridgeClosed: 503,
  BridgeUnavailable: 503,
  RunEnded: 503,
  InvalidConfig: 500,
  LimitAboveMaximum: 400,
};

/** Which sandbox exception each bridge code becomes (see `BridgeErrorKindSchema`). */
export const ERROR_KIND: Readonly<Record<AwsBridgeErrorCode, BridgeErrorKind>> = {
  InvalidRequest: "refused",
  RequestTooLarge: "refused",
  UnknownService: "unknown_service",
  UnknownOperation: "unknown_operation",
  InvalidRegion: "refused",
  InvalidParameterValue: "refused",
  ParamValidation: "validation",
  UnknownWaiter: "unknown_waiter",
  AccessDeniedByPolicy: "refused",
  CallBudgetExceeded: "refused",
  ResponseTooLarge: "refused",
  UnsupportedOperation: "refused",
  CredentialsUnavailable: "host",
  NetworkError: "connection",
  InternalError: "host",
  BridgeClosed: "refused",
  BridgeUnavailable: "refused",
  RunEnded: "refused",
  InvalidConfig: "host",
  LimitAboveMaximum: "refused",
};

/**
 * An error of the bridge with a stable `code`. Inside a call it becomes the error answer the script
 * sees; from constructors and `forRun` it is thrown to the host.
 */
export class AwsBridgeError extends Error {
  override readonly name = "AwsBridgeError";
  readonly code: AwsBridgeErrorCode;
  /** Fields added to the error answer as they are (bounded by whoever builds them). */
  readonly details: BridgeErrorDetails | undefined;

  constructor(
    code: AwsBridgeErrorCode,
    message: string,
    options?: { cause?: unknown; details?: BridgeErrorDetails },
  ) {
    super(message, options);
    this.code = code;
    this.details = options?.details;
  }

  /** The HTTP status for this error's code. */
  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}
