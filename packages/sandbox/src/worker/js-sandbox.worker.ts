/**
 * One JavaScript sandbox: a fresh, bare isolated-vm isolate (no Pyodide) with the small JavaScript
 * runtime of `sandbox-images/runtime/js-runtime.js`. Used for exactly one run, then disposed.
 *
 * The script is the body of an async function: top-level `await` works and its return value is the
 * result. Its JS heap cap is the run's memory limit.
 */
import ivm from "isolated-vm";
import type { IsolateOutcome } from "../shared/isolate-outcome.js";
import type { RunLimits } from "../shared/limits.js";
import { type JavaScriptRunArgs, namedArgs, setUpRuntime } from "./isolate-api.worker.js";
import { failedRun } from "./isolate-failure.worker.js";
import { IsolateHost, type SandboxHostHooks } from "./isolate-host.worker.js";

const MiB = 1024 * 1024;

export class JsSandbox {
  readonly #isolate: ivm.Isolate;
  readonly #host = new IsolateHost();
  #killedByHost = false;
  #disposed = false;

  constructor(memoryBytes: number) {
    this.#isolate = new ivm.Isolate({ memoryLimit: Math.max(8, Math.floor(memoryBytes / MiB)) });
  }

  /** Runs `code` with the runtime `runtime`; never rejects for anything the script does. */
  async run(
    runtime: string,
    code: string,
    limits: Pick<RunLimits, "maxOutputBytes" | "maxResultBytes">,
    hooks: SandboxHostHooks,
  ): Promise<IsolateOutcome> {
    try {
      const context = await this.#isolate.createContext();
      const { schedule, output, call } = this.#host.functions;
      const entry = await setUpRuntime(context, runtime, "runscript-js-runtime.js", {
        schedule,
        output,
        call,
      });
      const runRef = entry.getSync("run", { reference: true }) as ivm.Reference<unknown>;
      this.#host.setTimerCallback(entry.getSync("fireTimer", { reference: true }) as ivm.Reference<unknown>);
      entry.release();
      let script: ivm.Script;
      try {
        script = await this.#isolate.compileScript(
          `globalThis.__rs_script = async function script() {\n${code}\n};`,
          { filename: "<script>", lineOffset: -1 },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          kind: "completed",
          json: JSON.stringify({ ok: false, error: { type: "SyntaxError", message, traceback: "" } }),
          memoryCapHit: false,
        };
      }
      await script.run(context, { release: true });
      this.#host.attach(hooks);
      const args: JavaScriptRunArgs = {
        maxOutputBytes: limits.maxOutputBytes,
        maxResultBytes: limits.maxResultBytes,
      };
      const json = await runRef.apply(undefined, [namedArgs(context, args)], {
        result: { promise: true, copy: true },
      });
      if (typeof json !== "string") return { kind: "crashed", message: "the runtime returned no result" };
      return { kind: "completed", json, memoryCapHit: false };
    } catch (error) {
      return failedRun(error, this.#killedByHost, this.#isolate.isDisposed);
    }
  }

  /** Hard stop at the deadline or on cancel (JavaScript has no cooperative interrupt). */
  kill(): void {
    this.#killedByHost = true;
    this.dispose();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#host.close();
    if (!this.#isolate.isDisposed) this.#isolate.dispose();
  }
}
