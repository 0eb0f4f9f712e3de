/**
 * The Runner: one run of a script for a principal. It wires a run's bridge (principal, policy,
 * budgets, default region) to a sandbox from the pool, and returns the run's record. It is what the
 * MCP tools, `runscript run`, the demo, the benchmarks and the tests call; none of them wires the pool
 * and the bridge themselves.
 *
 * @example
 * const runner = new Runner({ pool, bridge, logger });
 * const record = await runner.run({ principal: { name: "agent", readOnly: true }, code: "1 + 1", limits });
 */
import { randomUUID } from "node:crypto";
import type { PrincipalConfigInput, RunBudget } from "@runscript/aws-bridge";
import type { RunLimits } from "@runscript/sandbox";
import { type Logger, pino } from "pino";
import { type CallBridge, type Clock, type ScriptPool, systemClock } from "./ports.js";
import type { RunRecord } from "./run-record.js";

/** One run. */
export interface RunRequest {
  /** Who the run acts as in AWS (the bridge's principal). */
  principal: PrincipalConfigInput;
  code: string;
  /** `python` (default) or `javascript`. */
  language?: "python" | "javascript" | undefined;
  /** Resolved limits (see `resolveLimits`). */
  limits: RunLimits;
  /** Region of AWS calls that name none; default: the bridge's. Also what boto3 sees as its region. */
  defaultRegion?: string | undefined;
  /** The run's AWS budget (calls, concurrency, sizes), within the bridge's maxima; default: the bridge's. */
  awsBudget?: Partial<RunBudget> | undefined;
  /** Aborting stops the run (status `cancelled`) or takes it off the queue. */
  signal?: AbortSignal | undefined;
  /** Identifies the run; generated when absent. */
  runId?: string | undefined;
}

export interface RunnerDeps {
  pool: ScriptPool;
  bridge: CallBridge;
  clock?: Clock;
  /** `run_start` / `run_end` events (default: silent). */
  logger?: Logger;
}

export class Runner {
  readonly #pool: ScriptPool;
  readonly #bridge: CallBridge;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(deps: RunnerDeps) {
    this.#pool = deps.pool;
    this.#bridge = deps.bridge;
    this.#clock = deps.clock ?? systemClock;
    this.#logger = deps.logger ?? pino({ level: "silent" });
  }

  /**
   * Runs one script. Resolves with its record for anything the script does (errors and limits are
   * statuses); rejects for faults of the host (an invalid principal or region from the bridge, a full
   * queue or a closed pool from the sandbox), with the thrower's own error and code.
   */
  async run(request: RunRequest): Promise<RunRecord> {
    const runId = request.runId ?? randomUUID();
    const calls = this.#bridge.forRun({
      principal: request.principal,
      runId,
      defaultRegion: request.defaultRegion,
      limits: request.awsBudget,
    });
    const language = request.language ?? "python";
    const log = this.#logger.child({ runId, principal: request.principal.name });
    const started = this.#clock.now();
    log.info({ event: "run_start", language, codeBytes: Buffer.byteLength(request.code) }, "run started");
    const result = await this.#pool.run({
      code: request.code,
      language,
      limits: request.limits,
      runId,
      hostCall: (payload) => calls.handle(payload),
      maxHostCallBytes: calls.maxRequestBytes,
      defaultRegion: calls.defaultRegion,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const record: RunRecord = { ...result, run_id: runId, api_calls: calls.calls() };
    log.info(
      {
        event: "run_end",
        status: record.status,
        durationMs: Math.round(this.#clock.now() - started),
        awsCalls: record.api_calls.length,
      },
      "run ended",
    );
    return record;
  }
}
