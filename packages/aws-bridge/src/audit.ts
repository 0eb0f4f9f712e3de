/**
 * The audit trail of one run's AWS calls: one pino event per call, allowed or denied, and the
 * per-run records for the run result's `api_calls`. Neither ever holds parameter values, response
 * values or credentials.
 *
 * Event (`event: "aws_call"`, with pino's own `time`): `principal`, `runId`, `service`, `operation`,
 * `region`, `outcome` (`success` | `error` | `denied`), `errorCode`, `latencyMs`, `requestId`.
 */
import type { Logger } from "pino";
import type { ApiCallRecord } from "./protocol.js";

/** One finished call, as the audit trail sees it. */
export interface CallOutcome {
  service: string;
  operation: string;
  region: string | null;
  outcome: ApiCallRecord["status"];
  errorCode: string | null;
  latencyMs: number;
  requestId: string | null;
}

/** Records kept per run beyond `maxCalls` (for calls refused by the budget itself). */
const EXTRA_RECORDS = 100;

/** One run's audit trail. */
export class RunAudit {
  readonly #logger: Logger;
  readonly #principal: string;
  readonly #runId: string;
  readonly #records: ApiCallRecord[] = [];
  readonly #maxRecords: number;
  #budgetExceededLogged = false;
  #dropped = 0;

  constructor(logger: Logger, principal: string, runId: string, maxCalls: number) {
    this.#logger = logger;
    this.#principal = principal;
    this.#runId = runId;
    this.#maxRecords = maxCalls + EXTRA_RECORDS;
  }

  /** Records one call: emits the `aws_call` event and keeps the run record. */
  record(o: CallOutcome): void {
    const repeatBudget = o.errorCode === "CallBudgetExceeded" && this.#budgetExceededLogged;
    if (o.errorCode === "CallBudgetExceeded") this.#budgetExceededLogged = true;
    // A script looping past its budget gets one event, not one per refused call.
    if (!repeatBudget) {
      this.#logger.info(
        {
          event: "aws_call",
          principal: this.#principal,
          runId: this.#runId,
          service: o.service,
          operation: o.operation,
          region: o.region,
          outcome: o.outcome,
          errorCode: o.errorCode,
          latencyMs: Math.round(o.latencyMs * 1000) / 1000,
          requestId: o.requestId,
        },
        "aws call",
      );
    }
    if (this.#records.length >= this.#maxRecords) {
      this.#dropped++;
      return;
    }
    this.#records.push({
      service: o.service,
      operation: o.operation,
      region: o.region,
      status: o.outcome,
      durationMs: Math.round(o.latencyMs * 1000) / 1000,
      errorCode: o.errorCode,
    });
  }

  /** A copy of the run's records so far. */
  records(): ApiCallRecord[] {
    return this.#records.map((r) => ({ ...r }));
  }

  /** Records not kept because the run passed its record cap. */
  get dropped(): number {
    return this.#dropped;
  }
}
