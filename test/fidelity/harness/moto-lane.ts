/**
 * One moto server of the oracle (`python/lane_server.py`): frozen clock, seeded randomness, and a
 * `reset(fixtures)` that gives the same world every time. Each side runs on its own lane, so the two
 * sides run at the same time without seeing each other's writes.
 */
import { z } from "zod";
import { JsonLinesProcess } from "./json-lines-process.ts";
import { oracleEnv, oraclePython, pythonFile } from "./python.ts";

const ReadySchema = z.object({ ready: z.literal(true), port: z.number().int().min(1).max(65_535) });
const ResetAnswerSchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), ms: z.number() }),
  z.object({ id: z.number().nullable(), ok: z.literal(false), error: z.string() }),
]);

/** Time for the lane to start (moto imports its backends lazily, on first use). */
const READY_TIMEOUT_MS = 180_000;
const RESET_TIMEOUT_MS = 60_000;

export class MotoLane implements AsyncDisposable {
  readonly name: string;
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL / the bridge's endpoint points at. */
  readonly endpoint: string;
  readonly #process: JsonLinesProcess;
  #nextId = 1;

  private constructor(name: string, process: JsonLinesProcess, port: number) {
    this.name = name;
    this.#process = process;
    this.endpoint = `http://127.0.0.1:${port}`;
  }

  static async start(name: string): Promise<MotoLane> {
    const { process, ready } = await JsonLinesProcess.start({
      name: `moto lane '${name}'`,
      command: oraclePython(),
      args: [pythonFile("lane_server.py")],
      env: oracleEnv({}),
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    const parsed = ReadySchema.safeParse(ready);
    if (!parsed.success) {
      await process.close();
      throw new Error(`moto lane '${name}' sent an unexpected ready line: ${JSON.stringify(ready)}`);
    }
    return new MotoLane(name, process, parsed.data.port);
  }

  /**
   * Prepares the world for the next script: re-seeds moto's randomness and, with `reset`, first
   * resets moto and seeds the named fixtures (in order). Returns the time it took in ms.
   */
  async prepare(reset: boolean, fixtures: readonly string[]): Promise<number> {
    const id = this.#nextId++;
    const answer = ResetAnswerSchema.parse(
      await this.#process.request({ id, op: "prepare", reset, fixtures }, RESET_TIMEOUT_MS),
    );
    if (!answer.ok)
      throw new Error(`moto lane '${this.name}' could not seed [${fixtures.join(", ")}]:\n${answer.error}`);
    return answer.ms;
  }

  async close(): Promise<void> {
    await this.#process.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
