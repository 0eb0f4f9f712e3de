/**
 * Per-operation throttling switch: "answer the next N calls of PutObject with a throttling error",
 * so that a caller's retry-with-backoff can be tested against real HTTP.
 */
import { AwsServiceError } from "./errors.js";
import type { WireProtocol } from "./exchange.js";

/** Largest `times` accepted by {@link ThrottleSwitch.set}. */
export const MAX_THROTTLE_TIMES = 1_000_000;

/** Counts down pending throttles per operation name (e.g. `PutObject`, `AssumeRole`). */
export class ThrottleSwitch {
  readonly #pending = new Map<string, number>();

  /** Throttle the next `times` authenticated calls of `operation`; `0` clears it. */
  set(operation: string, times: number): void {
    if (times <= 0) this.#pending.delete(operation);
    else this.#pending.set(operation, times);
  }

  /** How many throttles are still pending for `operation`. */
  remaining(operation: string): number {
    return this.#pending.get(operation) ?? 0;
  }

  /**
   * Consumes one pending throttle for `operation`, if any, returning the error to answer with:
   * S3 answers `SlowDown` (503), Query/JSON services `Throttling` (400), as AWS does.
   */
  take(operation: string, protocol: WireProtocol): AwsServiceError | undefined {
    const left = this.#pending.get(operation);
    if (left === undefined) return undefined;
    this.set(operation, left - 1);
    return protocol === "s3"
      ? new AwsServiceError(503, "SlowDown", "Please reduce your request rate.")
      : new AwsServiceError(400, "Throttling", "Rate exceeded");
  }
}
