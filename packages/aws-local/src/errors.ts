/**
 * Errors of aws-local.
 *
 * Two kinds live here:
 * - {@link AwsServiceError}: an error that aws-local *answers with*, shaped like the real AWS error
 *   (status, code, sender/receiver fault). It never escapes to the caller of the library; the
 *   protocol renderers turn it into an S3 XML, Query XML or JSON error body.
 * - {@link LocalAwsError}: a fault of aws-local itself (cannot start, used after close, bad option),
 *   thrown to the code that drives it (tests, demo, benchmarks). Branch on `code`, not on message.
 */

/** Whether AWS blames the caller (`Sender`) or itself (`Receiver`). */
export type AwsFaultType = "Sender" | "Receiver";

/** An AWS-style error answered over the wire, e.g. `SignatureDoesNotMatch` with status 403. */
export class AwsServiceError extends Error {
  /** HTTP status code of the response. */
  readonly status: number;
  /** The AWS error code, e.g. `InvalidClientTokenId`, `NoSuchBucket`, `Throttling`. */
  readonly code: string;
  /** Sender (client fault, 4xx) or Receiver (server fault, 5xx). */
  readonly type: AwsFaultType;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "AwsServiceError";
    this.status = status;
    this.code = code;
    this.type = status >= 500 ? "Receiver" : "Sender";
  }
}

/** Stable codes of {@link LocalAwsError}. */
export type LocalAwsErrorCode =
  /** The HTTP server or s3rver could not start. */
  | "START_FAILED"
  /** A method was called after `close()`. */
  | "CLOSED"
  /** An option or argument failed validation. */
  | "INVALID_ARGUMENT"
  /** A call to the local s3rver backend failed (e.g. while seeding buckets). */
  | "BACKEND_FAILED";

/** A fault of aws-local itself, thrown to the code driving it. */
export class LocalAwsError extends Error {
  /** Stable code; see {@link LocalAwsErrorCode}. */
  readonly code: LocalAwsErrorCode;

  constructor(code: LocalAwsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LocalAwsError";
    this.code = code;
  }
}
