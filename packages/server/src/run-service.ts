/**
 * What the tools do, in the order they do it: refuse while draining, resolve limits, take a quota
 * slot, run through the Runner, and either answer at once or, past the task threshold, hand back a
 * task id while the run goes on. Every invocation is reported once. Each step is its own module
 * (`run-script-args.ts`, `quotas.ts`, `task-race.ts`, `task-book.ts`, `invocation-reporter.ts`); time
 * comes from an injected clock.
 */
import { randomUUID } from "node:crypto";
import {
  type ApiCallRecord,
  AwsBridgeError,
  type AwsCallRequest,
  type BridgeResponse,
  type PrincipalConfigInput,
} from "@runscript/aws-bridge";
import type { Clock, RunRecord, RunRequest } from "@runscript/runner";
import { SandboxError } from "@runscript/sandbox";
import type { Logger } from "pino";
import { type Principal, principalConfig, type ServerConfig } from "./config.js";
import { ServerError } from "./errors.js";
import { InvocationReporter } from "./invocation-reporter.js";
import type { ServerMetrics } from "./metrics.js";
import type { QuotaGate } from "./quotas.js";
import { limitsFromArgs, type RunScriptArgs } from "./run-script-args.js";
import { TaskBook } from "./task-book.js";
import { raceThreshold } from "./task-race.js";
import type { TaskRecord, TaskStore } from "./task-store.js";

/** How a `run_script` invocation answers: the run's record, or a task id for a run still going. */
export type RunScriptOutcome =
  | { kind: "result"; output: RunRecord }
  | { kind: "task"; taskId: string; runId: string };

/** Runs scripts (`Runner`). */
export interface ScriptRunner {
  run(request: RunRequest): Promise<RunRecord>;
}

/** Makes single AWS calls for `call_aws` (`AwsBridge`). */
export interface AwsCaller {
  forRun(context: { principal: PrincipalConfigInput; runId: string }): {
    call(request: AwsCallRequest): Promise<BridgeResponse>;
    calls(): ApiCallRecord[];
  };
}

export interface RunServiceDeps {
  config: ServerConfig;
  runner: ScriptRunner;
  aws: AwsCaller;
  tasks: TaskStore;
  quotas: QuotaGate;
  metrics: ServerMetrics;
  logger: Logger;
  clock: Clock;
}

/** Host failures of a run, as the server reports them. */
function serverErrorOf(error: unknown, args: RunScriptArgs): unknown {
  if (error instanceof SandboxError && error.code === "QUEUE_FULL") {
    return new ServerError("BUSY", "busy: every sandbox is in use and the queue is full; retry after 2 s", {
      retryAfterSeconds: 2,
      cause: error,
    });
  }
  if (error instanceof AwsBridgeError && error.code === "InvalidRegion") {
    return new ServerError(
      "INVALID_ARGUMENT",
      `region '${(args.region ?? "").slice(0, 64)}' is not an AWS region name`,
      { cause: error },
    );
  }
  return error;
}

export class RunService {
  readonly #deps: RunServiceDeps;
  readonly #report: InvocationReporter;
  readonly #tasks: TaskBook;
  readonly #running = new Set<Promise<unknown>>();
  #closing = false;

  constructor(deps: RunServiceDeps) {
    this.#deps = deps;
    this.#report = new InvocationReporter(deps.metrics);
    this.#tasks = new TaskBook(deps.tasks, deps.clock, deps.config.tasks.ttlMs);
  }

  /** Runs in flight (including tasks that outlived their request). */
  get inflight(): number {
    return this.#running.size;
  }

  /**
   * Runs a script; past the task threshold it returns a task id and keeps running. `signal` cancels
   * the run (status `cancelled`).
   */
  async runScript(
    principal: Principal,
    args: RunScriptArgs,
    options: { signal?: AbortSignal } = {},
  ): Promise<RunScriptOutcome> {
    this.#refuseWhenClosing();
    const limits = limitsFromArgs(this.#deps.config.limits, args);
    const release = this.#quota(principal, "run_script");
    const runId = randomUUID();
    const clock = this.#deps.clock;
    const started = clock.now();
    const run = this.#track(
      this.#deps.runner
        .run({
          principal: principalConfig(principal),
          code: args.code,
          language: args.language,
          limits,
          defaultRegion: args.region,
          signal: options.signal,
          runId,
        })
        .catch((error: unknown) => {
          throw serverErrorOf(error, args);
        })
        .finally(release),
    );
    const report = (outcome: { record: RunRecord } | { error: unknown }) =>
      this.#report.run(
        principal.name,
        "record" in outcome ? outcome : { error: outcome.error, apiCalls: [] },
        clock.now() - started,
      );
    const early = await raceThreshold(run, this.#deps.config.tasks.thresholdMs, clock);
    if (early.settled) {
      if (!early.ok) {
        report({ error: early.error });
        throw early.error;
      }
      report({ record: early.value });
      return { kind: "result", output: early.value };
    }
    // Long run: hand back a task id; the run goes on even if the client goes away.
    const task = await this.#tasks.open(principal.name, runId, limits.timeoutMs);
    void run
      .then(
        (record) => ({ record }),
        (error: unknown) => ({ error }),
      )
      .then(async (outcome) => {
        report(outcome);
        await this.#tasks.finish(task, outcome);
      })
      .catch((error: unknown) =>
        this.#deps.logger.error(
          { event: "task_store_failed", runId, err: (error as Error).message },
          "could not store the task result",
        ),
      );
    return { kind: "task", taskId: task.taskId, runId };
  }

  /** One AWS operation through the same bridge and policy (the `call_aws` tool). */
  async callAws(
    principal: Principal,
    request: AwsCallRequest,
  ): Promise<{ response: BridgeResponse; apiCalls: ApiCallRecord[]; runId: string }> {
    this.#refuseWhenClosing();
    const release = this.#quota(principal, "call_aws");
    const runId = randomUUID();
    const started = this.#deps.clock.now();
    try {
      const calls = this.#deps.aws.forRun({ principal: principalConfig(principal), runId });
      const response = await this.#track(calls.call(request));
      const apiCalls = calls.calls();
      this.#report.call(principal.name, response, apiCalls, this.#deps.clock.now() - started);
      return { response, apiCalls, runId };
    } finally {
      release();
    }
  }

  /** A task of this principal (another principal's task is reported as not found). */
  async getTask(principal: Principal, taskId: string): Promise<TaskRecord> {
    const task = await this.#deps.tasks.get(taskId);
    if (!task || task.principal !== principal.name) {
      throw new ServerError(
        "TASK_NOT_FOUND",
        `no task '${taskId.slice(0, 80)}' for this principal (tasks expire ${Math.round(this.#deps.config.tasks.ttlMs / 60000)} min after they finish)`,
      );
    }
    return task;
  }

  listTasks(principal: Principal, limit = 50): Promise<TaskRecord[]> {
    return this.#deps.tasks.listByPrincipal(principal.name, limit);
  }

  /** Refuses new runs and waits up to `timeoutMs` for running ones. Returns how many were left. */
  async drain(timeoutMs: number): Promise<number> {
    this.#closing = true;
    let cancel = () => {};
    await Promise.race([
      Promise.allSettled([...this.#running]),
      new Promise<void>((resolve) => {
        cancel = this.#deps.clock.setTimeout(resolve, timeoutMs);
      }),
    ]);
    cancel();
    return this.#running.size;
  }

  #refuseWhenClosing(): void {
    if (this.#closing)
      throw new ServerError("SHUTTING_DOWN", "the server is shutting down; retry on another node");
  }

  #quota(principal: Principal, tool: string): () => void {
    try {
      return this.#deps.quotas.acquire(principal, this.#deps.clock.now());
    } catch (error) {
      this.#report.quotaExceeded(tool, principal.name);
      throw error;
    }
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#running.add(p);
    void p.finally(() => this.#running.delete(p)).catch(() => undefined);
    return p;
  }
}
