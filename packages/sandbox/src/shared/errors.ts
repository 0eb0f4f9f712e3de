/**
 * Errors of the sandbox host itself (never of user code: a script's failure is a `RunResult`).
 */

/**
 * Stable codes; callers and tests branch on these, never on message text.
 * - `IMAGE_MISSING` / `IMAGE_CORRUPT`: the sandbox image was never built / does not match its manifest;
 * - `BOOT_FAILED`: the pool's sandbox processes could not boot at start;
 * - `POOL_CLOSED`: `run()` after (or queued at) `close()`;
 * - `QUEUE_FULL`: every process is busy and `maxQueue` runs already wait;
 * - `INVALID_REQUEST`: the run request itself is malformed (limits, language, code).
 *
 * A script's failures and its sandbox process's crashes are not errors: they are `RunResult`s.
 */
export type SandboxErrorCode =
  | "IMAGE_MISSING"
  | "IMAGE_CORRUPT"
  | "BOOT_FAILED"
  | "POOL_CLOSED"
  | "QUEUE_FULL"
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
