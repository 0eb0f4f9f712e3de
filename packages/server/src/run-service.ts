/**
 * What the tools do: runs scripts in the sandbox pool with the principal's AWS bridge, enforces
 * quotas, turns long runs into tasks, and reports every invocation to metrics and the log.
 */
import { randomUUID } from "node:crypto";
import {
  type ApiCallRecord,
  type AwsBridge,
  type AwsCallRequest,
  type BridgeResponse,
  isKnownRegion,
} from "@runscript/aws-bridge";
import {
  type JsonValue,
  type LimitPolicy,
  type RunResult,
  resolveLimits,
  SandboxError,
  type SandboxPool,
} from "@runscript/sandbox";
import type { Logger } from "pino";
import { type Principal, principalConfig, type ServerConfig } from "./config.js";
import { ERROR_TABLE, ServerError } from "./errors.js";
import type { InvocationClass, ServerMetrics } from "./metrics.js";
import type { QuotaGate } from "./quotas.js";
import type { TaskRecord, TaskStore } from "./task-store.js";

/** `run_script` arguments, after the tool's schema parsed them. */
export interface RunScriptArgs {
  code: string;
  language?: "python" | "javascript" | undefined;
  timeout_seconds?: number | undefined;
  memory_mb?: number | undefined;
  region?: string | undefined;
}

export type RunOutput = RunResult & { run_id: string; api_calls: ApiCallRecord[] };
export type RunScriptOutcome =
  | { kind: "result"; output: RunOutput }
  | { kind: "task"; taskId: string; runId: string };

export interface RunServiceDeps {
  config: ServerConfig;
  pool: SandboxPool;
  bridge: AwsBridge;
  tasks: TaskStore;
  quotas: QuotaGate;
  metrics: ServerMetrics;
  logger: Logger;
}

const MAX_REGION_PAYLOAD = 6 * 1024 * 1024;

function classify(status: string): InvocationClass {
  return status === "success" ? "Success" : "UserError";
}

export class RunService {
  readonly #d: RunServiceDeps;
  readonly #running = new Set<Promise<unknown>>();
  #closing = false;

  constructor(deps: RunServiceDeps) {
    this.#d = deps;
  }

  /** Runs in flight (including tasks that outlived their request). */
  get inflight(): number {
    return this.#running.size;
  }

  #limits(args: RunScriptArgs) {
    const policy: LimitPolicy = this.#d.config.limits;
    const resolved = resolveLimits(policy, {
      ...(args.timeout_seconds !== undefined ? { timeoutMs: Math.round(args.timeout_seconds * 1000) } : {}),
      ...(args.memory_mb !== undefined ? { memoryBytes: Math.round(args.memory_mb * 1048576) } : {}),
    });
    if (!resolved.ok) {
      const unit = resolved.field === "timeoutMs" ? "timeout_seconds" : "memory_mb";
      const max = resolved.field === "timeoutMs" ? resolved.maximum / 1000 : resolved.maximum / 1048576;
      throw new ServerError("INVALID_ARGUMENT", `${unit} is above this server's maximum of ${max}`);
    }
    return resolved.limits;
  }

  /** The bridge hook for a run; with a default `region`, calls that name none get it. */
  #hostCall(principal: Principal, runId: string, region: string | undefined) {
    const runBridge = this.#d.bridge.forRun({ principal: principalConfig(principal), runId });
    const hostCall = (payload: string): Promise<string> => {
      if (region && payload.length < MAX_REGION_PAYLOAD) {
        try {
          const request = JSON.parse(payload) as { op?: unknown; region?: unknown };
          if (request && typeof request === "object" && request.op === "aws.call" && request.region == null) {
            return runBridge.handle(JSON.stringify({ ...request, region }));
          }
        } catch {
          // not JSON: the bridge answers with its own error
        }
      }
      return runBridge.handle(payload);
    };
    return { hostCall, runBridge };
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#running.add(p);
    void p.finally(() => this.#running.delete(p)).catch(() => undefined);
    return p;
  }

  /** Runs a script; past the task threshold it returns a task id and keeps running. */
  async runScript(principal: Principal, args: RunScriptArgs): Promise<RunScriptOutcome> {
    if (this.#closing)
      throw new ServerError("SHUTTING_DOWN", "the server is shutting down; retry on another node");
    if (args.region !== undefined && !isKnownRegion(args.region)) {
      throw new ServerError(
        "INVALID_ARGUMENT",
        `region '${args.region.slice(0, 64)}' is not an AWS region name`,
      );
    }
    const limits = this.#limits(args);
    const release = this.#quota(principal, "run_script");
    const runId = randomUUID();
    const started = performance.now();
    const { hostCall, runBridge } = this.#hostCall(principal, runId, args.region);
    const log = this.#d.logger.child({ runId, principal: principal.name, tool: "run_script" });
    log.info(
      { event: "run_start", language: args.language ?? "python", codeBytes: Buffer.byteLength(args.code) },
      "run started",
    );
    const run = this.#track(
      this.#d.pool
        .run({ code: args.code, language: args.language ?? "python", limits, runId, hostCall })
        .then((result): RunOutput => ({ ...result, run_id: runId, api_calls: runBridge.calls() }))
        .catch((error: unknown) => {
          throw error instanceof SandboxError && error.code === "QUEUE_FULL"
            ? new ServerError(
                "BUSY",
                "busy: every sandbox is in use and the queue is full; retry after 2 s",
                { retryAfterSeconds: 2, cause: error },
              )
            : error;
        })
        .finally(release),
    );
    const report = (output: RunOutput | null, error: unknown) => {
      const durationMs = performance.now() - started;
      const status = output?.status ?? (error instanceof ServerError ? error.code : "INTERNAL");
      const outcome: InvocationClass = output
        ? classify(output.status)
        : error instanceof ServerError
          ? ERROR_TABLE[error.code].cloudwatch
          : "SystemError";
      this.#d.metrics.record({
        tool: "run_script",
        principal: principal.name,
        status,
        outcome,
        durationMs,
        apiCalls: output?.api_calls ?? runBridge.calls(),
      });
      log.info(
        {
          event: "run_end",
          status,
          durationMs: Math.round(durationMs),
          awsCalls: output?.api_calls.length ?? 0,
        },
        "run ended",
      );
    };
    const threshold = this.#d.config.tasks.thresholdMs;
    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([
      run.then(
        (output) => ({ done: true as const, output }),
        (error: unknown) => ({ done: true as const, error }),
      ),
      new Promise<{ done: false }>((resolve) => {
        timer = setTimeout(() => resolve({ done: false }), threshold);
      }),
    ]);
    clearTimeout(timer);
    if (early.done) {
      if ("error" in early) {
        report(null, early.error);
        throw early.error;
      }
      report(early.output, null);
      return { kind: "result", output: early.output };
    }
    // Long run: hand back a task id; the run goes on even if the client goes away.
    const taskId = `task-${runId}`;
    const base: TaskRecord = {
      taskId,
      principal: principal.name,
      tool: "run_script",
      status: "running",
      createdAt: new Date().toISOString(),
      finishedAt: null,
      result: null,
      expiresAt: Date.now() + this.#d.config.tasks.ttlMs + limits.timeoutMs,
    };
    await this.#d.tasks.put(base);
    void run
      .then(
        async (output) => {
          report(output, null);
          await this.#d.tasks.put({
            ...base,
            status: "done",
            finishedAt: new Date().toISOString(),
            result: output as unknown as JsonValue,
            expiresAt: Date.now() + this.#d.config.tasks.ttlMs,
          });
        },
        async (error: unknown) => {
          report(null, error);
          const message = error instanceof ServerError ? error.message : "the run failed in the server";
          await this.#d.tasks.put({
            ...base,
            status: "done",
            finishedAt: new Date().toISOString(),
            result: { status: "error", error: { type: "ServerError", message, traceback: "" } },
            expiresAt: Date.now() + this.#d.config.tasks.ttlMs,
          });
        },
      )
      .catch((error: unknown) =>
        log.error(
          { event: "task_store_failed", err: (error as Error).message },
          "could not store the task result",
        ),
      );
    return { kind: "task", taskId, runId };
  }

  #quota(principal: Principal, tool: string): () => void {
    try {
      return this.#d.quotas.acquire(principal);
    } catch (error) {
      this.#d.metrics.record({
        tool,
        principal: principal.name,
        status: "QUOTA_EXCEEDED",
        outcome: "Throttle",
        durationMs: 0,
        apiCalls: [],
      });
      throw error;
    }
  }

  /** One AWS operation through the same bridge and policy (the `call_aws` tool). */
  async callAws(
    principal: Principal,
    request: AwsCallRequest,
  ): Promise<{ response: BridgeResponse; apiCalls: ApiCallRecord[]; runId: string }> {
    if (this.#closing)
      throw new ServerError("SHUTTING_DOWN", "the server is shutting down; retry on another node");
    const release = this.#quota(principal, "call_aws");
    const runId = randomUUID();
    const started = performance.now();
    try {
      const runBridge = this.#d.bridge.forRun({ principal: principalConfig(principal), runId });
      const response = await this.#track(runBridge.call(request));
      const apiCalls = runBridge.calls();
      this.#d.metrics.record({
        tool: "call_aws",
        principal: principal.name,
        status: response.ok ? "success" : "error",
        outcome: response.ok
          ? "Success"
          : (response.error.httpStatus ?? 500) >= 500
            ? "SystemError"
            : response.error.code.includes("Throttl")
              ? "Throttle"
              : "UserError",
        durationMs: performance.now() - started,
        apiCalls,
      });
      return { response, apiCalls, runId };
    } finally {
      release();
    }
  }

  /** A task of this principal (another principal's task is reported as not found). */
  async getTask(principal: Principal, taskId: string): Promise<TaskRecord> {
    const task = await this.#d.tasks.get(taskId);
    if (!task || task.principal !== principal.name) {
      throw new ServerError(
        "TASK_NOT_FOUND",
        `no task '${taskId.slice(0, 80)}' for this principal (tasks expire ${Math.round(this.#d.config.tasks.ttlMs / 60000)} min after they finish)`,
      );
    }
    return task;
  }

  listTasks(principal: Principal, limit = 50): Promise<TaskRecord[]> {
    return this.#d.tasks.listByPrincipal(principal.name, limit);
  }

  /** Refuses new runs and waits up to `timeoutMs` for running ones. Returns how many were left. */
  async drain(timeoutMs: number): Promise<number> {
    this.#closing = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#running]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return this.#running.size;
  }
}
