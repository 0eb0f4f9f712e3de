/**
 * The host side of one sandbox isolate: the functions the isolate's runtime may call (timers,
 * output, the bridge hook, randomness), each validating what it receives, and the host timers it
 * owns. Shared by the Python and the JavaScript sandboxes; torn down with the isolate.
 */
import { getRandomValues } from "node:crypto";
import ivm from "isolated-vm";

/** Largest bridge payload accepted from a script, in UTF-16 code units (checked before anything else). */
export const MAX_HOST_CALL_PAYLOAD = 6 * 1024 * 1024;

/** What a running sandbox asks of its host. */
export interface SandboxHostHooks {
  /** A bridge request from the script (JSON text, unvalidated). Must resolve to the JSON answer. */
  hostCall(payload: string): Promise<string>;
  /** Output the script wrote; `text === ""` marks that the in-isolate cap truncated it. */
  output(fd: 1 | 2, text: string): void;
}

const tooLarge = JSON.stringify({
  ok: false,
  error: {
    code: "RequestTooLarge",
    message: `a bridge request must be a string of at most ${MAX_HOST_CALL_PAYLOAD} characters`,
    httpStatus: 400,
    requestId: null,
    operation: null,
  },
});

export class IsolateHost {
  #hooks: SandboxHostHooks | null = null;
  #fire: ivm.Reference<unknown> | null = null;
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;
  /** Host operations whose completion will enter the isolate (bridge answers, timer callbacks). */
  #entering = 0;

  /** References handed to the isolate's runtime. */
  readonly randomBytes = new ivm.Reference((n: unknown) => {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 65536) {
      throw new TypeError("randomBytes: bad length");
    }
    const bytes = new Uint8Array(n);
    getRandomValues(bytes);
    return bytes.buffer;
  });
  readonly schedule = new ivm.Reference((id: unknown, ms: unknown) => this.#schedule(id, ms));
  readonly output = new ivm.Reference((fd: unknown, text: unknown) => {
    if ((fd === 1 || fd === 2) && typeof text === "string") this.#output(fd, text);
  });
  readonly call = new ivm.Reference((payload: unknown) => this.#call(payload));

  /** The isolate function that fires timer `id` (taken from the runtime before any script runs). */
  setTimerCallback(fire: ivm.Reference<unknown>): void {
    this.#fire = fire;
  }

  /** Connects a run's hooks; until then bridge calls are refused and output is dropped. */
  attach(hooks: SandboxHostHooks): void {
    this.#hooks = hooks;
  }

  #schedule(id: unknown, ms: unknown): void {
    if (this.#closed || typeof id !== "number" || typeof ms !== "number") return;
    const delay = Math.min(Math.max(0, ms), 2_147_483_647);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.#closed || !this.#fire) return;
      this.#entering++;
      this.#fire
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

  #call(payload: unknown): Promise<string> {
    // After close nothing may enter the isolate again (its memory may be recycled): never settles.
    if (this.#closed) return new Promise<string>(() => undefined);
    const hooks = this.#hooks;
    if (!hooks) return Promise.reject(new Error("the AWS bridge is not available while the sandbox boots"));
    if (typeof payload !== "string" || payload.length > MAX_HOST_CALL_PAYLOAD)
      return Promise.resolve(tooLarge);
    this.#entering++;
    const answer = hooks.hostCall(payload);
    void answer.then(
      () => this.#left(),
      () => this.#left(),
    );
    return answer;
  }

  #idleWaiters: (() => void)[] = [];

  #left(): void {
    this.#entering--;
    if (this.#entering === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /**
   * Resolves once no host operation is under way whose completion would enter the isolate (a bridge
   * answer, a timer callback). After `close()` no new one starts, so once idle, nothing from the host
   * enters the isolate again.
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
