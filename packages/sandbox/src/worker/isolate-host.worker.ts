/**
 * The host side of one sandbox isolate, inside the sandbox process: the functions the isolate's
 * runtime may call (timers, output, host calls, randomness), each validating what it receives, and
 * the host timers it owns. Shared by the Python and the JavaScript sandboxes; torn down with the
 * isolate.
 */
import { getRandomValues } from "node:crypto";
import ivm from "isolated-vm";
import type { HostCallFailure, HostCallReply } from "../shared/host-call.js";
import type { RuntimeHostFunctions } from "./isolate-api.worker.js";

/** What a running sandbox asks of its sandbox process. */
export interface SandboxHostHooks {
  /** Longest payload forwarded; a longer one is answered `PAYLOAD_TOO_LARGE` here. */
  maxHostCallChars: number;
  /** Forwards a host call (JSON text, unvalidated) to the host; resolves with its reply. */
  hostCall(payload: string): Promise<HostCallReply>;
  /** Output the script wrote; `text === ""` marks that the in-isolate cap truncated it. */
  output(fd: 1 | 2, text: string): void;
}

/** A failure as the isolate's runtime receives it: `{ failure: { code, message } }`, copied in. */
function failureForIsolate(failure: HostCallFailure): ivm.Copy<{ failure: HostCallFailure }> {
  return new ivm.ExternalCopy({ failure }).copyInto({ release: true });
}

/** What the isolate's runtime gets back for one call: the answer text, or a copied-in failure. */
type IsolateReply = string | ivm.Copy<{ failure: HostCallFailure }>;

export class IsolateHost {
  #hooks: SandboxHostHooks | null = null;
  #fireTimer: ivm.Reference<unknown> | null = null;
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;
  /** Host operations whose completion will enter the isolate (host-call replies, timer callbacks). */
  #entering = 0;
  readonly #idleWaiters: (() => void)[] = [];

  /** The references handed to the isolate's runtime (see `RuntimeHostFunctions`). */
  readonly functions: Required<RuntimeHostFunctions> = {
    randomBytes: new ivm.Reference((n: unknown) => {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 65536) {
        throw new TypeError("randomBytes: bad length");
      }
      const bytes = new Uint8Array(n);
      getRandomValues(bytes);
      return bytes.buffer;
    }),
    schedule: new ivm.Reference((id: unknown, ms: unknown) => this.#schedule(id, ms)),
    output: new ivm.Reference((fd: unknown, text: unknown) => {
      if ((fd === 1 || fd === 2) && typeof text === "string") this.#output(fd, text);
    }),
    call: new ivm.Reference((payload: unknown) => this.#call(payload)),
  };

  /** The isolate function that fires timer `id` (taken from the runtime before any script runs). */
  setTimerCallback(fireTimer: ivm.Reference<unknown>): void {
    this.#fireTimer = fireTimer;
  }

  /** Connects a run's hooks; until then host calls are refused and output is dropped. */
  attach(hooks: SandboxHostHooks): void {
    this.#hooks = hooks;
  }

  #schedule(id: unknown, ms: unknown): void {
    if (this.#closed || typeof id !== "number" || typeof ms !== "number") return;
    const delay = Math.min(Math.max(0, ms), 2_147_483_647);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.#closed || !this.#fireTimer) return;
      this.#entering++;
      this.#fireTimer
        .apply(undefined, [id])
        .catch(() => {
          // The isolate is gone or the callback threw; the run's own outcome reports what matters.
        })
        .finally(() => this.#left());
    }, delay);
    this.#timers.add(timer);
  }

  #output(fd: 1 | 2, text: string): void {
    if (this.#hooks) this.#hooks.output(fd, text);
    else if (process.env.RUNSCRIPT_DEBUG_BOOT) process.stderr.write(`[sandbox boot] ${text}`);
  }

  #call(payload: unknown): Promise<IsolateReply> {
    // After close nothing may enter the isolate again (its memory may be recycled): never settles.
    if (this.#closed) return new Promise<IsolateReply>(() => undefined);
    this.#entering++;
    const reply = this.#reply(payload);
    void reply.then(
      () => this.#left(),
      () => this.#left(),
    );
    return reply;
  }

  async #reply(payload: unknown): Promise<IsolateReply> {
    const hooks = this.#hooks;
    if (!hooks) {
      return failureForIsolate({
        code: "NO_HANDLER",
        message: "host calls are not available while the sandbox boots",
      });
    }
    if (typeof payload !== "string" || payload.length > hooks.maxHostCallChars) {
      return failureForIsolate({
        code: "PAYLOAD_TOO_LARGE",
        message: `a host call must be a string of at most ${hooks.maxHostCallChars} characters`,
      });
    }
    const reply = await hooks.hostCall(payload);
    return "answer" in reply ? reply.answer : failureForIsolate(reply.failure);
  }

  #left(): void {
    this.#entering--;
    if (this.#entering === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /**
   * Resolves once no host operation is under way whose completion would enter the isolate (a
   * host-call reply, a timer callback). After `close()` no new one starts, so once idle, nothing from
   * the host enters the isolate again.
   */
  whenIdle(): Promise<void> {
    if (this.#entering === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops every timer and detaches the run; late callbacks from the isolate become no-ops. */
  close(): void {
    this.#closed = true;
    this.#hooks = null;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}
