/**
 * Per-principal quotas (runs at once, runs per rolling minute). Quotas hold per server node: behind a
 * load balancer each node enforces them for the requests it receives (see README).
 */
import type { Principal } from "./config.js";
import { ServerError } from "./errors.js";

const MINUTE = 60_000;

export class QuotaGate {
  readonly #active = new Map<string, number>();
  readonly #starts = new Map<string, number[]>();

  /** Takes a run slot for `principal` or throws QUOTA_EXCEEDED with a retry hint. Returns the release. */
  acquire(principal: Principal, now = Date.now()): () => void {
    const active = this.#active.get(principal.name) ?? 0;
    if (active >= principal.quotas.concurrentRuns) {
      throw new ServerError(
        "QUOTA_EXCEEDED",
        `busy: principal '${principal.name}' already has ${active} runs going (quota ${principal.quotas.concurrentRuns}); retry after 1 s`,
        { retryAfterSeconds: 1 },
      );
    }
    const starts = (this.#starts.get(principal.name) ?? []).filter((t) => now - t < MINUTE);
    if (starts.length >= principal.quotas.runsPerMinute) {
      const retry = Math.max(1, Math.ceil((MINUTE - (now - (starts[0] ?? now))) / 1000));
      throw new ServerError(
        "QUOTA_EXCEEDED",
        `busy: principal '${principal.name}' started ${starts.length} runs in the last minute (quota ${principal.quotas.runsPerMinute}); retry after ${retry} s`,
        { retryAfterSeconds: retry },
      );
    }
    starts.push(now);
    this.#starts.set(principal.name, starts);
    this.#active.set(principal.name, active + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active.set(principal.name, (this.#active.get(principal.name) ?? 1) - 1);
    };
  }
}
