/**
 * Errors of the server itself, with stable codes, and the one table that maps each code onto an
 * HTTP status and the CloudWatch error class operators know from AWS's MCP server.
 */

export type ServerErrorCode =
  | "CONFIG_INVALID"
  | "CONFIG_UNREADABLE"
  | "UNSAFE_BIND"
  | "UNAUTHENTICATED"
  | "BUSY"
  | "QUOTA_EXCEEDED"
  | "INVALID_ARGUMENT"
  | "TASK_NOT_FOUND"
  | "SHUTTING_DOWN"
  | "INTERNAL";

/** How each code is reported: HTTP status and CloudWatch class (`UserError`, `Throttle`, `SystemError`). */
export const ERROR_TABLE: Record<
  ServerErrorCode,
  { http: number; cloudwatch: "UserError" | "Throttle" | "SystemError" }
> = {
  CONFIG_INVALID: { http: 500, cloudwatch: "SystemError" },
  CONFIG_UNREADABLE: { http: 500, cloudwatch: "SystemError" },
  UNSAFE_BIND: { http: 500, cloudwatch: "SystemError" },
  UNAUTHENTICATED: { http: 401, cloudwatch: "UserError" },
  BUSY: { http: 429, cloudwatch: "Throttle" },
  QUOTA_EXCEEDED: { http: 429, cloudwatch: "Throttle" },
  INVALID_ARGUMENT: { http: 400, cloudwatch: "UserError" },
  TASK_NOT_FOUND: { http: 404, cloudwatch: "UserError" },
  SHUTTING_DOWN: { http: 503, cloudwatch: "SystemError" },
  INTERNAL: { http: 500, cloudwatch: "SystemError" },
};

/** An error of the server with a stable `code`; `retryAfterSeconds` for BUSY / QUOTA_EXCEEDED. */
export class ServerError extends Error {
  override readonly name = "ServerError";
  readonly code: ServerErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ServerErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
