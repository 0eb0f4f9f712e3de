/**
 * Errors of the sandbox host itself (never of user code: a script's failure is a `RunResult`).
 */

/** Stable codes; callers and tests branch on these, never on message text. */
export type SandboxErrorCode =
  | "IMAGE_MISSING"
  | "IMAGE_CORRUPT"
  | "BOOT_FAILED"
  | "PROCESS_CRASHED"
  | "PROTOCOL_VIOLATION"
  | "POOL_CLOSED"
  | "QUEUE_FULL"
  | "LIMIT_ABOVE_MAXIMUM"
  | "INVALID_REQUEST";

/** An error of the sandbox host, with a stable `code` and the underlying `cause`. */
export class SandboxError extends Error {
  override readonly name = "SandboxError";
  readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
