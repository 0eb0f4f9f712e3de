/**
 * One JavaScript sandbox: a fresh, bare isolated-vm isolate (no Pyodide) with the small JavaScript
 * runtime of `sandbox-images/runtime/js-runtime.js`. Used for exactly one run, then disposed.
 *
 * The script is the body of an async function: top-level `await` works and its return value is the
 * result. Its JS heap cap is the run's memory limit.
 */
import ivm from "isolated-vm";
import { IsolateHost, type SandboxHostHooks } from "./isolate-host.js";
import { failedRun, type IsolateOutcome } from "./isolate-sandbox.js";

const MiB = 1024 * 1024;

/** The parts of the run limits a JavaScript run needs inside its process. */
export interface JsRunLimits {
  memoryBytes: number;
  maxOutputBytes: number;
  maxResultBytes: number;
}

export class JsSandbox {
  readonly #isolate: ivm.Isolate;
  readonly #host = new IsolateHost();
  #killedByHost = false;
  #disposed = false;

  constructor(memoryBytes: number) {
    this.#isolate = new ivm.Isolate({ memoryLimit: Math.max(8, Math.floor(memoryBytes / MiB)) });
  }

  /** Runs `code`; never rejects for anything the script does. */
  async run(
    runtime: string,
    code: string,
    limits: JsRunLimits,
    hooks: SandboxHostHooks,
  ): Promise<IsolateOutcome> {
    try {
      const context = await this.#isolate.createContext();
      const entry = (await context.evalClosure(
        `return (${runtime.trim().replace(/;$/, "")})($0, $1, $2);`,
        [this.#host.schedule, this.#host.output, this.#host.call],
        { result: { reference: true }, filename: "runscript-js-runtime.js" },
      )) as ivm.Reference<Record<string, unknown>>;
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
      const json = await runRef.apply(undefined, [limits.maxOutputBytes, limits.maxResultBytes], {
        result: { promise: true, copy: true },
      });
      if (typeof json !== "string") return { kind: "crashed", message: "the runtime returned no result" };
      return { kind: "completed", json, memoryCapHit: false };
    } catch (error) {
      return failedRun(error, this.#killedByHost, this.#isolate.isDisposed);
    }
  }

  /** Hard stop at the deadline (JavaScript has no cooperative interrupt). */
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
