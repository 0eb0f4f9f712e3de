/**
 * Runs that outlived the task threshold: opened as `running` task records, finished with the run's
 * record (or the host's failure), kept `tasks.ttlMs` after they finish. Time comes from the clock.
 */
import type { Clock, RunRecord } from "@runscript/runner";
import type { JsonValue } from "@runscript/sandbox";
import { ServerError } from "./errors.js";
import type { TaskRecord, TaskStore } from "./task-store.js";

export class TaskBook {
  readonly #store: TaskStore;
  readonly #clock: Clock;
  readonly #ttlMs: number;

  constructor(store: TaskStore, clock: Clock, ttlMs: number) {
    this.#store = store;
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  /** Records a running task for `runId`; it lives until the run's deadline plus the TTL. */
  async open(principal: string, runId: string, timeoutMs: number): Promise<TaskRecord> {
    const now = this.#clock.now();
    const task: TaskRecord = {
      taskId: `task-${runId}`,
      principal,
      tool: "run_script",
      status: "running",
      createdAt: new Date(now).toISOString(),
      finishedAt: null,
      result: null,
      expiresAt: now + this.#ttlMs + timeoutMs,
    };
    await this.#store.put(task);
    return task;
  }

  /** Stores how the task's run ended: its record, or the host's failure (message only for our own errors). */
  async finish(task: TaskRecord, outcome: { record: RunRecord } | { error: unknown }): Promise<void> {
    const now = this.#clock.now();
    const result: JsonValue =
      "record" in outcome
        ? (outcome.record as unknown as JsonValue)
        : {
            status: "error",
            error: {
              type: "ServerError",
              message:
                outcome.error instanceof ServerError ? outcome.error.message : "the run failed in the server",
              traceback: "",
            },
          };
    await this.#store.put({
      ...task,
      status: "done",
      finishedAt: new Date(now).toISOString(),
      result,
      expiresAt: now + this.#ttlMs,
    });
  }
}
