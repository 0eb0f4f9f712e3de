/**
 * Per-operation rate limits (token buckets) for operations whose AWS quotas are low. A call that
 * finds no token waits for its turn (it does not fail): each call reserves the next token, so calls
 * are spaced at the configured rate in arrival order.
 *
 * Buckets are keyed by scope (the principal), operation and region, and shared by all runs of one
 * bridge: AWS quotas are per account and region, not per run. This is a local guard; other clients
 * of the same account still count against the same AWS quota, and the SDK's retry with backoff
 * handles the throttling that remains.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RateLimit } from "./config.js";

/** A token bucket that lets callers reserve tokens ahead (the balance may go negative). */
export class TokenBucket {
  readonly #perMs: number;
  readonly #burst: number;
  #tokens: number;
  #updated: number;

  constructor(limit: RateLimit, now: number) {
    this.#perMs = limit.perSecond / 1000;
    this.#burst = limit.burst;
    this.#tokens = limit.burst;
    this.#updated = now;
  }

  /** Reserves one token; returns how many milliseconds the caller must wait before using it. */
  reserve(now: number): number {
    const elapsed = Math.max(0, now - this.#updated);
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#perMs);
    this.#updated = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens / this.#perMs);
  }
}

/** Options of {@link RateLimiter} (the clock and sleep are for tests). */
export interface RateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The bridge's rate limits, keyed `iamPrefix:Operation` (case-insensitive). */
export class RateLimiter {
  readonly #limits: ReadonlyMap<string, RateLimit>;
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(limits: Readonly<Record<string, RateLimit>>, opts: RateLimiterOptions = {}) {
    this.#limits = new Map(Object.entries(limits).map(([k, v]) => [k.toLowerCase(), v]));
    this.#now = opts.now ?? Date.now;
    this.#sleep = opts.sleep ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined));
  }

  /** The limit for `action` (`prefix:Operation`), if any. */
  limitFor(action: string): RateLimit | undefined {
    return this.#limits.get(action.toLowerCase());
  }

  /** Waits until `action` may be called again in this scope and region. */
  async wait(action: string, scope: string, region: string, signal?: AbortSignal): Promise<void> {
    const limit = this.limitFor(action);
    if (!limit) return;
    const key = JSON.stringify([scope, action.toLowerCase(), region]);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limit, this.#now());
      this.#buckets.set(key, bucket);
    }
    const delay = bucket.reserve(this.#now());
    if (delay > 0) await this.#sleep(delay, signal);
  }
}
