/**
 * One run's call budget: a cap on the number of AWS calls and a cap on calls in flight at once.
 * Calls past the concurrency cap wait in FIFO order; they do not fail.
 */
import type { RunBudget } from "./config.js";
import { AwsBridgeError } from "./errors.js";

/** Releases a concurrency slot (idempotent). */
export type Release = () => void;

/** Tracks one run's calls against its budget. */
export class CallBudget {
  readonly limits: RunBudget;
  #calls = 0;
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limits: RunBudget) {
    this.limits = limits;
  }

  /** Calls counted so far. */
  get calls(): number {
    return this.#calls;
  }

  /** Calls holding a concurrency slot now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Calls waiting for a concurrency slot now. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Counts one call; throws `CallBudgetExceeded` once `maxCalls` calls have been counted. */
  count(): void {
    if (this.#calls >= this.limits.maxCalls) {
      throw new AwsBridgeError(
        "CallBudgetExceeded",
        `this run has made its maximum of ${this.limits.maxCalls} AWS calls`,
      );
    }
    this.#calls++;
  }

  /** Waits for a concurrency slot; the returned function gives it back. */
  async acquire(): Promise<Release> {
    if (this.#inFlight >= this.limits.maxConcurrentCalls) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#inFlight++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so #inFlight stays the same.
      if (next) next();
      else this.#inFlight--;
    };
  }
}
