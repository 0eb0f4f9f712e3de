/**
 * Every tool invocation, reported once to metrics (Prometheus, CloudWatch) with its outcome class:
 * a finished run by its status, a refused or failed invocation by its error code, an AWS call by its
 * answer. Classification reads codes and statuses, never message text.
 */
import { type ApiCallRecord, type BridgeResponse, isThrottling } from "@runscript/aws-bridge";
import type { InvocationClass } from "@runscript/contracts";
import type { RunRecord } from "@runscript/runner";
import { ERROR_TABLE, ServerError } from "./errors.js";
import type { ServerMetrics } from "./metrics.js";

/** A run's outcome class: a script's own failure or limit is the caller's (`UserError`). */
function runClass(record: RunRecord): InvocationClass {
  return record.status === "success" ? "Success" : "UserError";
}

/** A failure before or around a run: the server's table for its own codes, else a system error. */
function errorClass(error: unknown): InvocationClass {
  return error instanceof ServerError ? ERROR_TABLE[error.code].cloudwatch : "SystemError";
}

/** An AWS call's outcome class: throttling, the host's or AWS's fault (5xx), or the caller's. */
function callClass(response: BridgeResponse): InvocationClass {
  if (response.ok) return "Success";
  if (isThrottling(response.error)) return "Throttle";
  return (response.error.httpStatus ?? 500) >= 500 ? "SystemError" : "UserError";
}

export class InvocationReporter {
  readonly #metrics: ServerMetrics;

  constructor(metrics: ServerMetrics) {
    this.#metrics = metrics;
  }

  /** A `run_script` that finished (`record`) or failed in the host (`error`). */
  run(
    principal: string,
    outcome: { record: RunRecord } | { error: unknown; apiCalls: readonly ApiCallRecord[] },
    durationMs: number,
  ): void {
    if ("record" in outcome) {
      const { record } = outcome;
      this.#record("run_script", principal, record.status, runClass(record), durationMs, record.api_calls);
      return;
    }
    const status = outcome.error instanceof ServerError ? outcome.error.code : "INTERNAL";
    this.#record("run_script", principal, status, errorClass(outcome.error), durationMs, outcome.apiCalls);
  }

  /** A `call_aws`. */
  call(
    principal: string,
    response: BridgeResponse,
    apiCalls: readonly ApiCallRecord[],
    durationMs: number,
  ): void {
    this.#record(
      "call_aws",
      principal,
      response.ok ? "success" : "error",
      callClass(response),
      durationMs,
      apiCalls,
    );
  }

  /** An invocation refused by the principal's quota. */
  quotaExceeded(tool: string, principal: string): void {
    this.#record(tool, principal, "QUOTA_EXCEEDED", "Throttle", 0, []);
  }

  #record(
    tool: string,
    principal: string,
    status: string,
    outcome: InvocationClass,
    durationMs: number,
    apiCalls: readonly ApiCallRecord[],
  ): void {
    this.#metrics.record({ tool, principal, status, outcome, durationMs, apiCalls });
  }
}
