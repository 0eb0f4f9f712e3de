/**
 * The server's handle on one sandbox process: spawns it with the planned hardening, parses every
 * message it sends (a message that fails to parse ends the process), runs one script at a time in it,
 * and enforces the limits the process cannot be trusted to enforce on itself: a wall-clock watchdog
 * and an RSS watermark, both by SIGKILL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { SandboxLaunch } from "./hardening.js";
import type { RunLimits } from "./limits.js";
import {
  type HostToSandbox,
  MAX_SANDBOX_MESSAGE_CHARS,
  type SandboxToHost,
  SandboxToHostSchema,
} from "./messages.js";
import { OutputCollector, type RawOutcome } from "./run-outcome.js";

/** What a run needs from its caller. */
export interface ProcessRunRequest {
  id: string;
  language: "python" | "javascript";
  code: string;
  limits: RunLimits;
  hardKillGraceMs: number;
  /** Answers the script's bridge requests (JSON in, JSON out). Absent: every call gets an error. */
  hostCall?: ((payload: string) => Promise<string>) | undefined;
  /** The process is killed (status `memory_limit`) if its RSS passes this during the run. */
  maxRssBytes: number;
}

export interface ProcessRunOutcome {
  raw: RawOutcome;
  output: OutputCollector;
  durationMs: number;
}

type State = "booting" | "ready" | "busy" | "dead";

const NO_BRIDGE = JSON.stringify({
  ok: false,
  error: {
    code: "BridgeUnavailable",
    message: "AWS calls are not available in this run (no AWS bridge is configured)",
    httpStatus: null,
    requestId: null,
    operation: null,
  },
});

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

export class SandboxProcessHandle {
  readonly #child: ChildProcess;
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
  #current: {
    request: ProcessRunRequest;
    output: OutputCollector;
    resolve: (outcome: ProcessRunOutcome) => void;
    started: number;
    killedFor: "timeout" | "memory" | null;
    watchdog: NodeJS.Timeout;
    rssPoll: NodeJS.Timeout;
  } | null = null;
  readonly exited: Promise<void>;

  constructor(launch: SandboxLaunch, options: { onStateChange: () => void }) {
    this.#child = spawn(launch.command, launch.args, {
      env: {},
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
      detached: false,
    });
    let stderrTail = "";
    this.#child.stderr?.setEncoding("utf8");
    this.#child.stderr?.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
    });
    this.#child.on("message", (raw: unknown) => {
      this.#handle(raw);
      options.onStateChange();
    });
    this.exited = new Promise((resolve) => {
      this.#child.on("exit", (code, signal) => {
        const detail = signal ? `signal ${signal}` : `exit code ${code}`;
        this.#die(`${detail}${stderrTail ? `: ${stderrTail.trim().split("\n").slice(-3).join(" | ")}` : ""}`);
        options.onStateChange();
        resolve();
      });
    });
    this.#child.on("error", () => {
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

  #kill(reason: "timeout" | "memory" | "protocol"): void {
    if (this.#current && reason !== "protocol") this.#current.killedFor ??= reason;
    this.#child.kill("SIGKILL");
  }

  #handle(raw: unknown): void {
    // Size first (a hostile process could send huge messages), then the schema.
    if (typeof raw === "object" && raw !== null && JSON.stringify(raw).length > MAX_SANDBOX_MESSAGE_CHARS) {
      this.#kill("protocol");
      return;
    }
    const parsed = SandboxToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.#kill("protocol");
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
        const call = current.request.hostCall;
        const answer = call ? call(message.payload).catch(() => NO_BRIDGE) : Promise.resolve(NO_BRIDGE);
        void answer.then((payload) => {
          if (this.#current === current)
            this.#send({ type: "host_call_result", id: message.id, callId: message.callId, payload });
        });
        return;
      }
      case "run_done": {
        const current = this.#current;
        if (!current || current.request.id !== message.id) {
          this.#kill("protocol");
          return;
        }
        this.#lastRss = message.rssBytes;
        const o = message.outcome;
        const raw: RawOutcome =
          o.kind === "completed"
            ? { kind: "completed", json: o.json, memoryCapHit: o.memoryCapHit, timedOut: message.timedOut }
            : o.kind === "disposed"
              ? { kind: "disposed", reason: o.reason, timedOut: message.timedOut }
              : { kind: "crashed", message: o.message, timedOut: message.timedOut };
        this.#finish(raw);
        this.#state = "booting";
        return;
      }
      case "fatal":
        this.#kill("protocol");
        return;
    }
  }

  #finish(raw: RawOutcome): void {
    const current = this.#current;
    if (!current) return;
    this.#current = null;
    clearTimeout(current.watchdog);
    clearInterval(current.rssPoll);
    current.resolve({ raw, output: current.output, durationMs: performance.now() - current.started });
  }

  #die(detail: string): void {
    if (this.#state === "dead") return;
    this.#state = "dead";
    this.#onExit?.(detail);
    this.#onExit = null;
    this.#onReady = null;
    const current = this.#current;
    if (current) {
      const reason = current.killedFor ?? "crash";
      this.#finish({
        kind: "process_lost",
        reason,
        detail:
          reason === "memory"
            ? `sandbox process RSS above ${Math.round(current.request.maxRssBytes / 1048576)} MiB`
            : detail,
      });
    }
  }

  /** Runs one script; the process must be `ready`. Never rejects for anything the script does. */
  run(request: ProcessRunRequest): Promise<ProcessRunOutcome> {
    if (this.#state !== "ready") throw new Error(`sandbox process is ${this.#state}, not ready`);
    if (!this.#child.connected) {
      // Died and not yet reaped: the script never started here.
      return Promise.resolve({
        raw: {
          kind: "process_lost",
          reason: "crash",
          detail: "the sandbox process was gone before the run started",
        },
        output: new OutputCollector(request.limits.maxOutputBytes),
        durationMs: 0,
      });
    }
    this.#state = "busy";
    this.#runs++;
    // A Python run takes a spare; the process reports again when it is idle.
    if (request.language === "python") this.#spares = Math.max(0, this.#spares - 1);
    return new Promise((resolve) => {
      const watchdogMs = request.limits.timeoutMs + request.hardKillGraceMs + 2_000;
      this.#current = {
        request,
        output: new OutputCollector(request.limits.maxOutputBytes),
        resolve,
        started: performance.now(),
        killedFor: null,
        watchdog: setTimeout(() => this.#kill("timeout"), watchdogMs),
        rssPoll: setInterval(() => {
          const rss = readRssBytes(this.#child.pid);
          this.#lastRss = rss;
          if (rss > request.maxRssBytes) this.#kill("memory");
        }, 100),
      };
      this.#send({
        type: "run",
        id: request.id,
        language: request.language,
        code: request.code,
        limits: request.limits,
        hardKillGraceMs: request.hardKillGraceMs,
      });
    });
  }

  /** Asks the process to exit; kills it if it does not within `graceMs`. */
  async close(graceMs = 2_000): Promise<void> {
    if (this.#state === "dead") return;
    this.#send({ type: "shutdown", id: "process" });
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the process now. */
  destroy(): void {
    this.#child.kill("SIGKILL");
  }
}
