/**
 * The pool of sandbox processes: runs scripts, one per process at a time, each in a fresh
 * pre-booted sandbox. Replaces processes that crash or are killed, recycles them after a number of
 * runs or past a memory watermark, and queues runs (boundedly) when every process is busy.
 */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { type Logger, pino } from "pino";
import { z } from "zod";
import { type HardeningReport, planSandboxLaunch, type SandboxLaunch } from "./hardening.js";
import type { RunResult } from "./result.js";
import { OutputCollector, toRunResult } from "./run-outcome.js";
import { SandboxProcessHandle } from "./sandbox-process-handle.js";
import { SandboxError } from "./shared/errors.js";
import type { HostCallHandler } from "./shared/host-call.js";
import { defaultImageDir, loadImageFiles } from "./shared/image.js";
import { ISOLATE_JS_HEAP_MB } from "./shared/isolate-heap.js";
import { type RunLimits, RunLimitsSchema } from "./shared/limits.js";
import { MAX_SANDBOX_MESSAGE_CHARS } from "./shared/messages.js";

const MiB = 1024 * 1024;

export const SandboxPoolOptionsSchema = z.strictObject({
  /**
   * Sandbox processes, i.e. scripts that can run at once. Default: one per core (a run and the boots
   * that follow it are CPU-bound).
   */
  size: z
    .number()
    .int()
    .min(1)
    .max(256)
    .default(() => Math.min(256, Math.max(1, availableParallelism()))),
  /**
   * Python sandboxes each process keeps booted ahead of demand. Each idle spare holds an isolate and a
   * wasm memory (see `npm run bench` for its RSS). A process boots one at a time, and while it runs a
   * script it boots only if it has no spare left.
   */
  sparesPerProcess: z.number().int().min(1).max(8).default(2),
  /** Directory of the built image (default: sandbox-images/build of this checkout). */
  imageDir: z.string().optional(),
  /** A process is replaced after this many runs (bounds any slow growth of its memory). */
  maxRunsPerProcess: z.number().int().min(1).max(100_000).default(200),
  /** After a run, a process whose RSS is above this is replaced. */
  recycleRssBytes: z
    .number()
    .int()
    .min(64 * MiB)
    .default(900 * MiB),
  /**
   * RSS a sandbox process may use beyond the run's memory cap before it is killed mid-run (the hard
   * backstop to the in-isolate memory cap). Kill threshold = this + memoryBytes + isolate JS heap.
   */
  processBaseRssBytes: z
    .number()
    .int()
    .min(64 * MiB)
    .default(640 * MiB),
  /** Time between the cooperative interrupt (KeyboardInterrupt) and the hard kill of the isolate. */
  hardKillGraceMs: z.number().int().min(0).max(60_000).default(500),
  /** Runs waiting for a process; past this, `run()` rejects with `QUEUE_FULL` at once. */
  maxQueue: z.number().int().min(0).max(100_000).default(256),
  /** Refuse to start without a network namespace for sandbox processes. */
  requireNetworkIsolation: z.boolean().default(false),
});
export type SandboxPoolOptions = z.input<typeof SandboxPoolOptionsSchema>;
type ResolvedOptions = z.output<typeof SandboxPoolOptionsSchema>;

/** One run as the pool takes it. */
export interface PoolRunRequest {
  code: string;
  /** `python` (default) or `javascript` (no Pyodide; a fresh bare isolate per run). */
  language?: "python" | "javascript";
  limits: RunLimits;
  /** Identifies the run in logs; generated when absent. */
  runId?: string;
  /**
   * Answers the script's host calls (AWS bridge requests: JSON in, JSON out). Absent: every call
   * fails with `NO_HANDLER`. A rejection reaches the script as `HANDLER_FAILED`.
   */
  hostCall?: HostCallHandler;
  /**
   * Longest host-call payload in bytes the handler accepts (the bridge's request limit); a payload
   * that cannot fit is refused in the sandbox process, before it is sent to the host. Default: no
   * limit below the process channel's message limit.
   */
  maxHostCallBytes?: number;
  /** The run's default AWS region, handed to the sandbox (Python: `os.environ`, boto3). */
  defaultRegion?: string;
  /** Aborting stops the run (its isolate is killed; status `cancelled`) or takes it off the queue. */
  signal?: AbortSignal;
}

/** What the pool needs besides its options. */
export interface SandboxPoolDeps {
  /** Receives every sandbox-process lifecycle event (default: silent). */
  logger?: Logger;
}

/** A snapshot of the pool, for metrics and `/readyz`. */
export interface PoolStats {
  size: number;
  /** Processes idle with at least one booted spare. */
  ready: number;
  busy: number;
  /** Processes idle without a spare yet (booting one). */
  booting: number;
  queued: number;
  runs: number;
  processesStarted: number;
  lastBootMs: number;
  /** Booted Python spares waiting, over all processes. */
  sparesReady: number;
  /** Python sandbox boots under way, over all processes. */
  sparesBooting: number;
  /** Median of the last (up to) 100 boots, in milliseconds (0 before the first). */
  bootP50Ms: number;
  /** Mean resident set size of the live sandbox processes, as last reported, in bytes. */
  processRssBytes: number;
}

/** Boots kept for the pool's boot-time median. */
const BOOT_SAMPLES = 100;

interface Waiter {
  resolve: (handle: SandboxProcessHandle) => void;
  reject: (error: Error) => void;
}

/** Thrown inside `run()` when the caller aborts while the run waits for a process. */
class CancelledWhileQueued extends Error {}

export class SandboxPool {
  readonly hardening: HardeningReport;
  readonly #options: ResolvedOptions;
  readonly #launch: SandboxLaunch;
  readonly #log: Logger;
  readonly #processes = new Set<SandboxProcessHandle>();
  readonly #waiters: Waiter[] = [];
  #closed = false;
  #runs = 0;
  #started = 0;
  #lastBootMs = 0;
  readonly #bootSamples: number[] = [];

  private constructor(options: ResolvedOptions, launch: SandboxLaunch, logger: Logger) {
    this.#options = options;
    this.#launch = launch;
    this.#log = logger;
    this.hardening = launch.report;
  }

  /**
   * Starts the pool and waits until every process has a spare sandbox booted.
   * @example
   * const pool = await SandboxPool.start({ size: 2 });
   * const result = await pool.run({ code: "1 + 1", limits: DEFAULT_LIMITS });
   * await pool.close();
   */
  static async start(options: SandboxPoolOptions = {}, deps: SandboxPoolDeps = {}): Promise<SandboxPool> {
    const resolved = SandboxPoolOptionsSchema.parse(options);
    const imageDir = resolved.imageDir ?? defaultImageDir();
    // Fail here, with a clear message, rather than in every sandbox process.
    loadImageFiles(imageDir, { requireSnapshot: true });
    const logger = (deps.logger ?? pino({ level: "silent" })).child({ component: "sandbox-pool" });
    const pool = new SandboxPool(resolved, planSandboxLaunch(imageDir, resolved), logger);
    for (let i = 0; i < resolved.size; i++) pool.#spawn();
    try {
      await Promise.all([...pool.#processes].map((p) => p.whenReady()));
    } catch (error) {
      await pool.close();
      throw new SandboxError("BOOT_FAILED", `sandbox processes failed to boot: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return pool;
  }

  #spawn(): void {
    if (this.#closed) return;
    const handle: SandboxProcessHandle = new SandboxProcessHandle(this.#launch, {
      onStateChange: () => this.#onStateChange(handle),
      logger: this.#log,
    });
    this.#started++;
    this.#processes.add(handle);
    void handle.exited.then(() => {
      // A member that died is replaced here; a recycled one was replaced when it was retired.
      const wasMember = this.#processes.delete(handle);
      if (wasMember && !this.#closed) this.#spawn();
    });
  }

  #onStateChange(handle: SandboxProcessHandle): void {
    if (handle.lastBootMs) this.#lastBootMs = handle.lastBootMs;
    for (const ms of handle.takeBootTimes()) {
      this.#bootSamples.push(ms);
      if (this.#bootSamples.length > BOOT_SAMPLES) this.#bootSamples.shift();
    }
    if (handle.state === "ready" && this.#processes.has(handle)) this.#dispatch(handle);
  }

  #dispatch(handle: SandboxProcessHandle): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(handle);
  }

  #acquire(signal: AbortSignal | undefined): Promise<SandboxProcessHandle> {
    for (const p of this.#processes) {
      if (p.state === "ready" && !this.#reserved.has(p)) return Promise.resolve(p);
    }
    if (this.#waiters.length >= this.#options.maxQueue) {
      return Promise.reject(
        new SandboxError(
          "QUEUE_FULL",
          `all ${this.#options.size} sandboxes are busy and ${this.#waiters.length} runs are waiting; retry shortly`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      this.#waiters.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          const at = this.#waiters.indexOf(waiter);
          if (at < 0) return;
          this.#waiters.splice(at, 1);
          reject(new CancelledWhileQueued());
        },
        { once: true },
      );
    });
  }

  readonly #reserved = new Set<SandboxProcessHandle>();

  /**
   * Runs one script in a fresh sandbox. Resolves with its result for anything the script does
   * (errors, limits, crashes of its sandbox) and for a cancellation through `request.signal`
   * (status `cancelled`); rejects only for faults of the pool itself (`POOL_CLOSED`, `QUEUE_FULL`,
   * `INVALID_REQUEST`).
   */
  async run(request: PoolRunRequest): Promise<RunResult> {
    if (this.#closed) throw new SandboxError("POOL_CLOSED", "the sandbox pool is closed");
    const limits = RunLimitsSchema.safeParse(request.limits);
    if (!limits.success)
      throw new SandboxError("INVALID_REQUEST", `invalid run limits: ${limits.error.message}`);
    if (typeof request.code !== "string") throw new SandboxError("INVALID_REQUEST", "code must be a string");
    const language = request.language ?? "python";
    if (language !== "python" && language !== "javascript") {
      throw new SandboxError("INVALID_REQUEST", "language must be python or javascript");
    }
    const started = performance.now();
    const cancelled = (): RunResult =>
      toRunResult(
        { by: "caller", cancelled: true },
        new OutputCollector(limits.data.maxOutputBytes).finish(),
        limits.data,
        performance.now() - started,
      );
    if (request.signal?.aborted) return cancelled();
    let handle: SandboxProcessHandle;
    try {
      handle = await this.#acquire(request.signal);
      while (handle.state !== "ready" || this.#reserved.has(handle) || !this.#processes.has(handle)) {
        handle = await this.#acquire(request.signal);
      }
    } catch (error) {
      if (error instanceof CancelledWhileQueued) return cancelled();
      throw error;
    }
    this.#reserved.add(handle);
    this.#runs++;
    try {
      const outcome = await handle.run(
        {
          id: request.runId ?? randomUUID(),
          language,
          code: request.code,
          limits: limits.data,
          // JavaScript has no cooperative interrupt: it is stopped at the deadline itself.
          hardKillGraceMs: language === "javascript" ? 0 : this.#options.hardKillGraceMs,
          defaultRegion: request.defaultRegion ?? null,
          hostCall: request.hostCall,
          // A string has at least as many UTF-8 bytes as UTF-16 units: longer than this cannot fit.
          maxHostCallChars: Math.min(
            request.maxHostCallBytes ?? MAX_SANDBOX_MESSAGE_CHARS,
            MAX_SANDBOX_MESSAGE_CHARS,
          ),
          maxRssBytes: this.#options.processBaseRssBytes + limits.data.memoryBytes + ISOLATE_JS_HEAP_MB * MiB,
        },
        request.signal,
      );
      return toRunResult(outcome.end, outcome.output.finish(), limits.data, performance.now() - started);
    } finally {
      this.#reserved.delete(handle);
      this.#maybeRecycle(handle);
      if (handle.state === "ready" && this.#processes.has(handle)) this.#dispatch(handle);
    }
  }

  #maybeRecycle(handle: SandboxProcessHandle): void {
    if (handle.state === "dead") return;
    const tooManyRuns = handle.runs >= this.#options.maxRunsPerProcess;
    if (tooManyRuns || handle.lastRssBytes > this.#options.recycleRssBytes) {
      this.#log.info(
        {
          event: "sandbox_process_recycled",
          pid: handle.pid,
          why: tooManyRuns ? "max_runs" : "rss",
          runs: handle.runs,
          rssMiB: Math.round(handle.lastRssBytes / MiB),
          maxRunsPerProcess: this.#options.maxRunsPerProcess,
          recycleRssMiB: Math.round(this.#options.recycleRssBytes / MiB),
        },
        "sandbox process recycled",
      );
      this.#processes.delete(handle);
      void handle.close("recycled");
      // The exit handler spawns the replacement only for members; spawn it here.
      this.#spawn();
    }
  }

  /** Current numbers, for metrics and readiness. */
  stats(): PoolStats {
    let ready = 0;
    let busy = 0;
    let booting = 0;
    let sparesReady = 0;
    let sparesBooting = 0;
    let rss = 0;
    let live = 0;
    for (const p of this.#processes) {
      if (p.state === "ready" && !this.#reserved.has(p)) ready++;
      else if (p.state === "busy" || this.#reserved.has(p)) busy++;
      else if (p.state === "booting") booting++;
      sparesReady += p.spares;
      sparesBooting += p.sparesBooting;
      if (p.state !== "dead" && p.lastRssBytes > 0) {
        rss += p.lastRssBytes;
        live++;
      }
    }
    const sorted = [...this.#bootSamples].sort((a, b) => a - b);
    return {
      size: this.#options.size,
      ready,
      busy,
      booting,
      queued: this.#waiters.length,
      runs: this.#runs,
      processesStarted: this.#started,
      lastBootMs: this.#lastBootMs,
      sparesReady,
      sparesBooting,
      bootP50Ms: sorted.length > 0 ? (sorted[Math.ceil(sorted.length / 2) - 1] ?? 0) : 0,
      processRssBytes: live > 0 ? rss / live : 0,
    };
  }

  /** PIDs of the live sandbox processes (tests check none is left behind). */
  pids(): number[] {
    return [...this.#processes].map((p) => p.pid).filter((p): p is number => p !== undefined);
  }

  /** Stops every process; queued runs are rejected with `POOL_CLOSED`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const w of this.#waiters.splice(0))
      w.reject(new SandboxError("POOL_CLOSED", "the sandbox pool closed"));
    await Promise.all([...this.#processes].map((p) => p.close("pool_closed")));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
