/**
 * The reference side: CPython + real boto3 (`python/cpython_worker.py`), one long-lived worker that
 * runs scripts one at a time with AWS_ENDPOINT_URL pointing at its lane's moto server. A worker that
 * dies or hangs is replaced for the next script; the script that hung gets a `harness_error`.
 */
import { z } from "zod";
import { ChildProcessFailed, JsonLinesProcess } from "./json-lines-process.ts";
import { oracleEnv, oraclePython, pythonFile } from "./python.ts";
import type { Script } from "./script-catalog.ts";
import type { Side, SideRun } from "./side.ts";

/** A script that runs longer than this under CPython is a broken script (they take well under 5 s). */
export const CPYTHON_RUN_TIMEOUT_MS = 60_000;

const OutcomeSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok") }),
  z.object({ status: z.literal("exception"), type: z.string(), message: z.string() }),
]);
const AnswerSchema = z.object({
  id: z.number(),
  stdout: z.string(),
  stderr: z.string(),
  outcome: OutcomeSchema,
  calls: z.array(z.string()),
  ms: z.number(),
});

export class CPythonSide implements Side {
  readonly kind = "boto3";
  readonly #endpoint: string;
  #worker: JsonLinesProcess | null = null;
  #nextId = 1;

  constructor(endpoint: string) {
    this.#endpoint = endpoint;
  }

  async #ensureWorker(): Promise<JsonLinesProcess> {
    if (this.#worker && !this.#worker.dead) return this.#worker;
    const { process } = await JsonLinesProcess.start({
      name: "CPython worker",
      command: oraclePython(),
      args: [pythonFile("cpython_worker.py")],
      env: oracleEnv({ AWS_ENDPOINT_URL: this.#endpoint }),
      readyTimeoutMs: 60_000,
    });
    this.#worker = process;
    return process;
  }

  /** Starts the worker now (otherwise it starts with the first script). */
  async start(): Promise<void> {
    await this.#ensureWorker();
  }

  async run(script: Script): Promise<SideRun> {
    const worker = await this.#ensureWorker();
    const id = this.#nextId++;
    try {
      const answer = AnswerSchema.parse(
        await worker.request({ id, op: "run", path: script.path }, CPYTHON_RUN_TIMEOUT_MS),
      );
      return {
        stdout: answer.stdout,
        stderr: answer.stderr,
        outcome: answer.outcome,
        calls: answer.calls,
        ms: answer.ms,
      };
    } catch (error) {
      if (!(error instanceof ChildProcessFailed)) throw error;
      await worker.close();
      return {
        stdout: "",
        stderr: "",
        outcome: { status: "harness_error", message: error.message },
        calls: [],
        ms: 0,
      };
    }
  }

  async close(): Promise<void> {
    await this.#worker?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
