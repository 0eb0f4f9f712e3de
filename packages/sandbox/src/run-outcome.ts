/**
 * Maps how a run ended onto the public `RunResult`. The runner's JSON comes out
 * of the sandbox and is treated as hostile: it is parsed with a schema, and anything unexpected is a
 * sandbox fault, never trusted.
 */
import { z } from "zod";
import { JsonValueSchema, type RunError, RunErrorSchema, type RunResult } from "./result.js";
import type { IsolateOutcome } from "./shared/isolate-outcome.js";
import type { RunLimits } from "./shared/limits.js";

const RunnerOutputSchema = z.union([
  z.strictObject({ ok: z.literal(true), result: JsonValueSchema }),
  z.strictObject({ ok: z.literal(false), error: RunErrorSchema, resultBytes: z.number().optional() }),
]);

/**
 * How a run ended, as the pool knows it: what the sandbox process reported (`run_done`), or that the
 * process itself was lost under the run (it died, or the pool killed it), or that the caller
 * cancelled it.
 */
export type RunEnd =
  | { by: "sandbox"; outcome: IsolateOutcome; timedOut: boolean }
  | { by: "pool"; lost: "timeout" | "memory" | "crash"; detail: string }
  | { by: "caller"; cancelled: true };

/** Collected output of a run, already capped. */
export interface CapturedOutput {
  stdout: string;
  stderr: string;
  truncated: { stdout: boolean; stderr: boolean };
}

const timeoutError = (limits: RunLimits): RunError => ({
  type: "TimeoutError",
  message: `the script ran longer than its ${limits.timeoutMs} ms limit and was stopped; make it do less per run or raise timeout`,
  traceback: "",
});
const memoryError = (limits: RunLimits, detail: string): RunError => ({
  type: "MemoryError",
  message: `the script exceeded its memory limit of ${Math.round(limits.memoryBytes / 1048576)} MiB (${detail})`,
  traceback: "",
});

const cancelledError: RunError = {
  type: "Cancelled",
  message: "the run was cancelled by its caller before it finished",
  traceback: "",
};

/** Builds the public result. */
export function toRunResult(
  end: RunEnd,
  output: CapturedOutput,
  limits: RunLimits,
  durationMs: number,
): RunResult {
  const base = { ...output, durationMs: Math.round(durationMs * 100) / 100, result: null };
  switch (end.by) {
    case "caller":
      return { ...base, status: "cancelled", error: cancelledError };
    case "pool":
      if (end.lost === "timeout") return { ...base, status: "timeout", error: timeoutError(limits) };
      if (end.lost === "memory")
        return { ...base, status: "memory_limit", error: memoryError(limits, end.detail) };
      return {
        ...base,
        status: "error",
        error: {
          type: "SandboxCrashed",
          message: `the sandbox process ended unexpectedly (${end.detail}); the run was not completed`,
          traceback: "",
        },
      };
    case "sandbox":
      return fromSandbox(end.outcome, end.timedOut, base, limits);
  }
}

type ResultBase = Omit<RunResult, "status" | "error">;

function fromSandbox(
  outcome: IsolateOutcome,
  timedOut: boolean,
  base: ResultBase,
  limits: RunLimits,
): RunResult {
  switch (outcome.kind) {
    case "completed": {
      let data: unknown;
      try {
        data = JSON.parse(outcome.json);
      } catch {
        data = undefined;
      }
      const parsed = RunnerOutputSchema.safeParse(data);
      if (!parsed.success) {
        return {
          ...base,
          status: "error",
          error: { type: "SandboxError", message: "the sandbox returned a malformed result", traceback: "" },
        };
      }
      const out = parsed.data;
      if (timedOut) {
        const tb = out.ok ? "" : out.error.traceback;
        return { ...base, status: "timeout", error: { ...timeoutError(limits), traceback: tb } };
      }
      if (out.ok) {
        if (Buffer.byteLength(outcome.json, "utf8") > limits.maxResultBytes + 32) {
          return {
            ...base,
            status: "result_limit",
            error: {
              type: "ResultTooLarge",
              message: `the result is over the ${limits.maxResultBytes}-byte limit`,
              traceback: "",
            },
          };
        }
        return { ...base, status: "success", result: out.result, error: null };
      }
      if (out.resultBytes !== undefined) return { ...base, status: "result_limit", error: out.error };
      if (out.error.type === "MemoryError" || outcome.memoryCapHit) {
        return { ...base, status: "memory_limit", error: { ...out.error, type: "MemoryError" } };
      }
      return { ...base, status: "error", error: out.error };
    }
    case "disposed":
      if (outcome.reason === "killed" || timedOut)
        return { ...base, status: "timeout", error: timeoutError(limits) };
      return {
        ...base,
        status: "memory_limit",
        error: memoryError(limits, "JavaScript heap limit of the sandbox"),
      };
    case "crashed":
      if (timedOut) return { ...base, status: "timeout", error: timeoutError(limits) };
      return {
        ...base,
        status: "error",
        error: { type: "SandboxError", message: outcome.message, traceback: "" },
      };
  }
}

/** Collects stdout/stderr up to a shared byte cap, then marks the stream truncated. */
export class OutputCollector {
  readonly #cap: number;
  #used = 0;
  readonly #parts: Record<1 | 2, string[]> = { 1: [], 2: [] };
  readonly #truncated: Record<1 | 2, boolean> = { 1: false, 2: false };

  constructor(maxOutputBytes: number) {
    this.#cap = maxOutputBytes;
  }

  /** Adds text; `""` means the sandbox already cut this stream at the cap. */
  add(fd: 1 | 2, text: string): void {
    if (text === "") {
      this.#truncated[fd] = true;
      return;
    }
    if (this.#truncated[fd]) return;
    const bytes = Buffer.byteLength(text, "utf8");
    if (this.#used + bytes <= this.#cap) {
      this.#parts[fd].push(text);
      this.#used += bytes;
      return;
    }
    const room = this.#cap - this.#used;
    const cut = Buffer.from(text, "utf8")
      .subarray(0, Math.max(0, room))
      .toString("utf8")
      .replace(/\uFFFD$/, "");
    this.#parts[fd].push(cut);
    this.#used = this.#cap;
    this.#truncated[fd] = true;
  }

  /** The captured output, with a marker at the end of each truncated stream. */
  finish(): CapturedOutput {
    const marker = `\n[runscript: output truncated at the ${this.#cap}-byte limit]\n`;
    const render = (fd: 1 | 2) => this.#parts[fd].join("") + (this.#truncated[fd] ? marker : "");
    return {
      stdout: render(1),
      stderr: render(2),
      truncated: { stdout: this.#truncated[1], stderr: this.#truncated[2] },
    };
  }
}
