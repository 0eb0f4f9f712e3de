/**
 * The server's handle on one sandbox process: spawns it with the planned hardening, parses every
 * message it sends (a message that fails to parse ends the process), runs one script at a time in it,
 * and enforces the limits the process cannot be trusted to enforce on itself: a wall-clock watchdog
 * and an RSS watermark, both by SIGKILL. Every lifecycle event is logged with the pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Logger } from "pino";
import type { SandboxLaunch } from "./hardening.js";
import type { RunEnd } from "./run-outcome.js";
import { OutputCollector } from "./run-outcome.js";
import type { HostCallHandler, HostCallReply } from "./shared/host-call.js";
import type { RunLimits } from "./shared/limits.js";
import {
  type HostToSandbox,
  MAX_SANDBOX_MESSAGE_CHARS,
  type SandboxToHost,
  SandboxToHostSchema,
} from "./shared/messages.js";

/** The watchdog kills the process this long after the run's deadline plus its hard-kill grace. */
export const WATCHDOG_SLACK_MS = 2_000;
/** After a cancel, the process has this long to report the run ended before it is killed. */
export const CANCEL_KILL_GRACE_MS = 500;
/** How often the RSS of a busy process is read. */
const RSS_POLL_MS = 100;

/** What a run needs from its caller. */
export interface ProcessRunRequest {
  id: string;
  language: "python" | "javascript";
  code: string;
  limits: RunLimits;
  hardKillGraceMs: number;
  defaultRegion: string | null;
  /** Answers the script's host calls. Absent: every call fails with `NO_HANDLER`. */
  hostCall: HostCallHandler | undefined;
  maxHostCallChars: number;
  /** The process is killed (status `memory_limit`) if its RSS passes this during the run. */
  maxRssBytes: number;
}

export interface ProcessRunOutcome {
  end: RunEnd;
  output: OutputCollector;
}

type State = "booting" | "ready" | "busy" | "dead";
/** Why the pool killed a process. */
type KillReason = "timeout" | "memory" | "protocol_violation" | "cancel";

/** Reads a process's resident set size from /proc (0 if unavailable). */
export function readRssBytes(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, "utf8").split(" ");
    return Number(statm[1] ?? 0) * 4096;
  } catch {
    return 0;
  }
}

const MiB = 1024 * 1024;

/** The run a process is busy with. */
interface ActiveRun {
  request: ProcessRunRequest;
  output: OutputCollector;
  resolve: (outcome: ProcessRunOutcome) => void;
  killedFor: KillReason | null;
  cancelled: boolean;
  /** Undone when the run ends: timers, the abort listener. */
  cleanup: (() => void)[];
}

export class SandboxProcessHandle {
  readonly #child: ChildProcess;
  readonly #log: Logger;
  #state: State = "booting";
  #runs = 0;
  #lastRss = 0;
  #lastBootMs = 0;
  #boots = 0;
  #spares = 0;
  #sparesBooting = 0;
  /** Boot durations this process reported since the pool last collected them. */
  readonly #newBootMs: number[] = [];
  #onReady: (() => void) | null = null;
  #onExit: ((detail: string) => void) | null = null;
  #current: ActiveRun | null = null;
  readonly exited: Promise<void>;

  constructor(launch: SandboxLaunch, options: { onStateChange: () => void; logger: Logger }) {
    const spawnedAt = performance.now();
    this.#child = spawn(launch.command, launch.args, {
      env: {},
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
      detached: false,
    });
    this.#log = options.logger.child({ pid: this.#child.pid });
    this.#log.info({ event: "sandbox_process_spawned" }, "sandbox process spawned");
    let stderrTail = "";
    this.#child.stderr?.setEncoding("utf8");
    this.#child.stderr?.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
    });
    this.#child.on("message", (raw: unknown) => {
      this.#handle(raw, spawnedAt);
      options.onStateChange();
    });
    this.exited = new Promise((resolve) => {
      this.#child.on("exit", (code, signal) => {
        const detail = signal ? `signal ${signal}` : `exit code ${code}`;
        const tail = stderrTail.trim().split("\n").slice(-3).join(" | ");
        this.#log.info(
          { event: "sandbox_process_exited", code, signal, runs: this.#runs, stderrTail: tail || undefined },
          `sandbox process exited (${detail})`,
        );
        this.#die(`${detail}${tail ? `: ${tail}` : ""}`);
        options.onStateChange();
        resolve();
      });
    });
    this.#child.on("error", (error) => {
      this.#log.error({ event: "sandbox_process_spawn_failed", err: error.message }, "could not start");
      this.#die("could not start");
    });
  }

  get state(): State {
    return this.#state;
  }
  get runs(): number {
    return this.#runs;
  }
  get pid(): number | undefined {
    return this.#child.pid;
  }
  get lastRssBytes(): number {
    return this.#lastRss;
  }
  get lastBootMs(): number {
    return this.#lastBootMs;
  }
  /** Booted spares waiting in the process (as it last reported while idle). */
  get spares(): number {
    return this.#state === "dead" ? 0 : this.#spares;
  }
  /** Boots under way in the process (as it last reported). */
  get sparesBooting(): number {
    return this.#state === "dead" ? 0 : this.#sparesBooting;
  }
  /** Boot durations reported since the last call (each boot once). */
  takeBootTimes(): number[] {
    return this.#newBootMs.splice(0);
  }

  /** Resolves when the process has a booted spare sandbox. */
  whenReady(): Promise<void> {
    if (this.#state === "ready") return Promise.resolve();
    if (this.#state === "dead") return Promise.reject(new Error("sandbox process is dead"));
    return new Promise((resolve, reject) => {
      this.#onReady = resolve;
      this.#onExit = (detail) => reject(new Error(`sandbox process died while booting: ${detail}`));
    });
  }

  #send(message: HostToSandbox): void {
    if (this.#child.connected) this.#child.send(message);
  }

  #kill(reason: KillReason, figures: Record<string, number | string> = {}): void {
    if (this.#current) this.#current.killedFor ??= reason;
    this.#log.warn(
      { event: "sandbox_process_killed", reason, runId: this.#current?.request.id, ...figures },
      `sandbox process killed (${reason})`,
    );
    this.#child.kill("SIGKILL");
  }

  #handle(raw: unknown, spawnedAt: number): void {
    // Size first (a hostile process could send huge messages), then the schema.
    if (typeof raw === "object" && raw !== null) {
      const chars = JSON.stringify(raw).length;
      if (chars > MAX_SANDBOX_MESSAGE_CHARS) {
        this.#kill("protocol_violation", { messageChars: chars, limit: MAX_SANDBOX_MESSAGE_CHARS });
        return;
      }
    }
    const parsed = SandboxToHostSchema.safeParse(raw);
    if (!parsed.success) {
      const type =
        typeof raw === "object" && raw !== null ? String((raw as { type?: unknown }).type) : typeof raw;
      this.#kill("protocol_violation", { messageType: type.slice(0, 40) });
      return;
    }
    const message: SandboxToHost = parsed.data;
    switch (message.type) {
      case "ready":
        this.#lastRss = message.rssBytes;
        if (message.boots > this.#boots) {
          this.#boots = message.boots;
          this.#lastBootMs = message.bootMs;
          this.#newBootMs.push(message.bootMs);
        }
        this.#spares = message.spares;
        this.#sparesBooting = message.booting;
        if (this.#state === "booting") {
          this.#log.info(
            {
              event: "sandbox_ready",
              bootMs: Math.round(message.bootMs),
              sinceSpawnMs: this.#runs === 0 ? Math.round(performance.now() - spawnedAt) : undefined,
              rssMiB: Math.round(message.rssBytes / MiB),
              runs: this.#runs,
            },
            "sandbox spare ready",
          );
          this.#state = "ready";
          this.#onReady?.();
          this.#onReady = null;
          this.#onExit = null;
        }
        return;
      case "output":
        if (this.#current?.request.id === message.id) this.#current.output.add(message.fd, message.text);
        return;
      case "host_call": {
        const current = this.#current;
        if (!current || current.request.id !== message.id) return;
        void this.#answer(current.request.hostCall, message.payload).then((reply) => {
          if (this.#current === current)
            this.#send({ type: "host_call_result", id: message.id, callId: message.callId, reply });
        });
        return;
      }
      case "run_done": {
        const current = this.#current;
        if (!current || current.request.id !== message.id) {
          this.#kill("protocol_violation", { messageType: "run_done" });
          return;
        }
        this.#lastRss = message.rssBytes;
        this.#finish(
          current.cancelled
            ? { by: "caller", cancelled: true }
            : { by: "sandbox", outcome: message.outcome, timedOut: message.timedOut },
        );
        this.#state = "booting";
        return;
      }
      case "fatal":
        this.#log.error({ event: "sandbox_process_fatal", message: message.message.slice(0, 500) }, "fatal");
        this.#kill("protocol_violation", { messageType: "fatal" });
        return;
    }
  }

  /** The reply to one host call: the handler's answer, or a failure that says why there is none. */
  async #answer(handler: HostCallHandler | undefined, payload: string): Promise<HostCallReply> {
    if (!handler) {
      return {
        failure: { code: "NO_HANDLER", message: "this run has no host-call handler (no AWS bridge)" },
      };
    }
    try {
      return { answer: await handler(payload) };
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      this.#log.error(
        {
          event: "host_call_failed",
          runId: this.#current?.request.id,
          err: error instanceof Error ? error.message : String(error),
        },
        "the host-call handler threw",
      );
      return {
        failure: {
          code: "HANDLER_FAILED",
          message: `the host failed to answer the call (${name.slice(0, 80)})`,
        },
      };
    }
  }

  #finish(end: RunEnd): void {
    const current = this.#current;
    if (!current) return;
    this.#current = null;
    for (const undo of current.cleanup) undo();
    current.resolve({ end, output: current.output });
  }

  #die(detail: string): void {
    if (this.#state === "dead") return;
    this.#state = "dead";
    this.#onExit?.(detail);
    this.#onExit = null;
    this.#onReady = null;
    const current = this.#current;
    if (!current) return;
    if (current.cancelled) {
      this.#finish({ by: "caller", cancelled: true });
      return;
    }
    const lost =
      current.killedFor === "timeout" || current.killedFor === "memory" ? current.killedFor : "crash";
    this.#finish({
      by: "pool",
      lost,
      detail:
        lost === "memory"
          ? `sandbox process RSS above ${Math.round(current.request.maxRssBytes / MiB)} MiB`
          : detail,
    });
  }

  /** Runs one script; the process must be `ready`. Never rejects for anything the script does. */
  run(request: ProcessRunRequest, signal?: AbortSignal): Promise<ProcessRunOutcome> {
    if (this.#state !== "ready") throw new Error(`sandbox process is ${this.#state}, not ready`);
    if (!this.#child.connected) {
      // Died and not yet reaped: the script never started here.
      return Promise.resolve({
        end: { by: "pool", lost: "crash", detail: "the sandbox process was gone before the run started" },
        output: new OutputCollector(request.limits.maxOutputBytes),
      });
    }
    this.#state = "busy";
    this.#runs++;
    // A Python run takes a spare; the process reports again when it is idle.
    if (request.language === "python") this.#spares = Math.max(0, this.#spares - 1);
    return new Promise((resolve) => {
      const watchdogMs = request.limits.timeoutMs + request.hardKillGraceMs + WATCHDOG_SLACK_MS;
      const watchdog = setTimeout(() => this.#kill("timeout", { watchdogMs }), watchdogMs);
      const rssPoll = setInterval(() => {
        const rss = readRssBytes(this.#child.pid);
        this.#lastRss = rss;
        if (rss > request.maxRssBytes)
          this.#kill("memory", {
            rssMiB: Math.round(rss / MiB),
            limitMiB: Math.round(request.maxRssBytes / MiB),
          });
      }, RSS_POLL_MS);
      const current: ActiveRun = {
        request,
        output: new OutputCollector(request.limits.maxOutputBytes),
        resolve,
        killedFor: null,
        cancelled: false,
        cleanup: [() => clearTimeout(watchdog), () => clearInterval(rssPoll)],
      };
      this.#current = current;
      this.#send({
        type: "run",
        id: request.id,
        language: request.language,
        code: request.code,
        limits: request.limits,
        hardKillGraceMs: request.hardKillGraceMs,
        defaultRegion: request.defaultRegion,
        maxHostCallChars: request.maxHostCallChars,
      });
      if (signal?.aborted) this.#cancel(current);
      else if (signal) {
        const cancel = () => this.#cancel(current);
        signal.addEventListener("abort", cancel, { once: true });
        current.cleanup.push(() => signal.removeEventListener("abort", cancel));
      }
    });
  }

  /** The caller gave up on the run: the process kills the isolate; if it does not report, SIGKILL. */
  #cancel(current: ActiveRun): void {
    if (this.#current !== current || current.cancelled) return;
    current.cancelled = true;
    this.#log.info({ event: "run_cancelled", runId: current.request.id }, "run cancelled by its caller");
    this.#send({ type: "cancel", id: current.request.id });
    const fallback = setTimeout(() => {
      if (this.#current === current) this.#kill("cancel", { graceMs: CANCEL_KILL_GRACE_MS });
    }, CANCEL_KILL_GRACE_MS);
    current.cleanup.push(() => clearTimeout(fallback));
  }

  /** Asks the process to exit; kills it if it does not within `graceMs`. */
  async close(reason: "recycled" | "pool_closed", graceMs = 2_000): Promise<void> {
    if (this.#state === "dead") return;
    this.#log.info(
      {
        event: "sandbox_process_retiring",
        reason,
        runs: this.#runs,
        rssMiB: Math.round(this.#lastRss / MiB),
      },
      `sandbox process retiring (${reason})`,
    );
    this.#send({ type: "shutdown", id: "process" });
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
