/**
 * What one side of the comparison gives for one script: its stdout (and stderr, reported but not
 * compared) and its final outcome.
 */
import type { Script } from "./script-catalog.ts";

/** How a run ended. `exception`: an uncaught exception (its type's `__name__` and `str()`). */
export type Outcome =
  | { status: "ok" }
  | { status: "exception"; type: string; message: string }
  | { status: "limit"; kind: string; message: string }
  | { status: "harness_error"; message: string };

export interface SideRun {
  stdout: string;
  stderr: string;
  outcome: Outcome;
  /** AWS operations the script had made, `service.Operation` (not compared; they decide resets). */
  calls: string[];
  /** Wall time of the run (not compared; reported). */
  ms: number;
}

/** A way of running a script against a lane's moto endpoint. */
export interface Side extends AsyncDisposable {
  /** `boto3` (CPython + real boto3) or `runscript`. */
  readonly kind: "boto3" | "runscript";
  run(script: Script): Promise<SideRun>;
  close(): Promise<void>;
}
