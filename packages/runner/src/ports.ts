/**
 * What a `Runner` is built from: narrow interfaces that the real sandbox pool and AWS bridge satisfy,
 * and that unit tests replace with fakes.
 */
import type { ApiCallRecord, PrincipalConfigInput, RunBudget } from "@runscript/aws-bridge";
import type { PoolRunRequest, RunResult } from "@runscript/sandbox";

/** Runs scripts in fresh sandboxes (`SandboxPool`). */
export interface ScriptPool {
  run(request: PoolRunRequest): Promise<RunResult>;
}

/** One run's view of the AWS bridge (`RunBridge`). */
export interface RunCalls {
  /** Region of calls that name none (handed to the sandbox too). */
  readonly defaultRegion: string;
  /** Largest request this run accepts, in bytes (the sandbox refuses longer ones before sending). */
  readonly maxRequestBytes: number;
  /** Answers one request of the script (JSON text in, JSON text out). */
  handle(payload: string): Promise<string>;
  /** The run's calls so far. */
  calls(): ApiCallRecord[];
}

/** Makes a `RunCalls` per run (`AwsBridge`). Throws for an invalid principal or region. */
export interface CallBridge {
  forRun(context: {
    principal: PrincipalConfigInput;
    runId: string;
    defaultRegion?: string | undefined;
    limits?: Partial<RunBudget> | undefined;
  }): RunCalls;
}

/**
 * Time, injected so that tests advance it instead of sleeping: thresholds, flush intervals and
 * durations all read it.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms`; returns the cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/** The real clock. Its timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
