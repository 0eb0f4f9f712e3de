/**
 * Long-running tasks: a run that outlives the request threshold keeps going and its outcome is
 * stored here, for `get_task` / `list_tasks`. The interface is async so a shared store (DynamoDB)
 * can stand behind it for a fleet; the in-memory store is the single-machine default.
 */
import { type Clock, systemClock } from "@runscript/runner";
import type { JsonValue } from "@runscript/sandbox";

export interface TaskRecord {
  taskId: string;
  principal: string;
  tool: string;
  status: "running" | "done";
  createdAt: string;
  finishedAt: string | null;
  /** The tool's structured result once done. */
  result: JsonValue | null;
  /** Epoch milliseconds after which the task is gone. */
  expiresAt: number;
}

export interface TaskStore {
  put(task: TaskRecord): Promise<void>;
  get(taskId: string): Promise<TaskRecord | null>;
  listByPrincipal(principal: string, limit: number): Promise<TaskRecord[]>;
  close(): Promise<void>;
}

/** Tasks in this process's memory; expired ones are dropped on access and every minute. */
export class InMemoryTaskStore implements TaskStore {
  readonly #tasks = new Map<string, TaskRecord>();
  readonly #sweeper: NodeJS.Timeout;
  readonly #clock: Clock;

  /** `clock`: what "expired" is measured against (tests pass a manual one). */
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
    this.#sweeper = setInterval(() => this.#sweep(), 60_000);
    this.#sweeper.unref();
  }

  #sweep(now = this.#clock.now()): void {
    for (const [id, t] of this.#tasks) if (t.expiresAt <= now) this.#tasks.delete(id);
  }

  async put(task: TaskRecord): Promise<void> {
    this.#tasks.set(task.taskId, structuredClone(task));
  }

  async get(taskId: string): Promise<TaskRecord | null> {
    const t = this.#tasks.get(taskId);
    if (!t || t.expiresAt <= this.#clock.now()) return null;
    return structuredClone(t);
  }

  async listByPrincipal(principal: string, limit: number): Promise<TaskRecord[]> {
    this.#sweep();
    return [...this.#tasks.values()]
      .filter((t) => t.principal === principal)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit)
      .map((t) => structuredClone(t));
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
  }
}
