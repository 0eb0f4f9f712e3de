/**
 * The task threshold: a run that is still going after `thresholdMs` becomes a task (the caller gets a
 * task id at once and the run goes on). Timed by an injected clock, so tests advance time instead of
 * waiting.
 */
import type { Clock } from "@runscript/runner";

/** How `work` stood at the threshold. */
export type RaceOutcome<T> =
  | { settled: true; ok: true; value: T }
  | { settled: true; ok: false; error: unknown }
  | { settled: false };

/** Waits for `work`, but no longer than `thresholdMs`. */
export function raceThreshold<T>(
  work: Promise<T>,
  thresholdMs: number,
  clock: Clock,
): Promise<RaceOutcome<T>> {
  return new Promise((resolve) => {
    const cancel = clock.setTimeout(() => resolve({ settled: false }), thresholdMs);
    work.then(
      (value) => {
        cancel();
        resolve({ settled: true, ok: true, value });
      },
      (error: unknown) => {
        cancel();
        resolve({ settled: true, ok: false, error });
      },
    );
  });
}
