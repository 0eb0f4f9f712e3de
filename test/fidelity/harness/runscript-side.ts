/**
 * The side under test: runscript's real code path — a sandbox pool (Pyodide in isolated-vm inside
 * sandbox processes) and the AWS bridge — with every service pointed at the lane's moto server.
 * The principal uses the bridge's base credentials directly (no role: moto's STS sessions would
 * expire on its frozen clock) and is not read-only, so scripts may seed and change state as boto3
 * scripts do; policy refusals are documented `differs` scripts.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AwsBridge, AwsBridgeConfigSchema } from "@runscript/aws-bridge";
import { DEFAULT_LIMITS, type RunResult, SandboxPool } from "@runscript/sandbox";
import { pino } from "pino";
import type { Script } from "./script-catalog.ts";
import type { Outcome, Side, SideRun } from "./side.ts";

/** Per-script wall-clock limit inside runscript (scripts take well under 5 s). */
export const RUNSCRIPT_TIMEOUT_MS = 30_000;

const PRINCIPAL = { name: "fidelity-oracle", readOnly: false } as const;

/** The bridge config that sends every service to `endpoint` (the bridge's single-endpoint setting). */
export function bridgeConfigFor(endpoint: string) {
  return AwsBridgeConfigSchema.parse({ defaultRegion: "us-east-1", forcePathStyle: true, endpoint });
}

function outcomeOf(result: RunResult): Outcome {
  switch (result.status) {
    case "success":
      return { status: "ok" };
    case "error":
      return { status: "exception", type: result.error?.type ?? "?", message: result.error?.message ?? "" };
    default:
      return { status: "limit", kind: result.status, message: result.error?.message ?? "" };
  }
}

export class RunscriptSide implements Side {
  readonly kind = "runscript";
  readonly #pool: SandboxPool;
  readonly #bridge: AwsBridge;

  private constructor(pool: SandboxPool, bridge: AwsBridge) {
    this.#pool = pool;
    this.#bridge = bridge;
  }

  static async start(endpoint: string): Promise<RunscriptSide> {
    const bridge = new AwsBridge({
      config: bridgeConfigFor(endpoint),
      logger: pino({ level: "silent" }),
      baseCredentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }),
    });
    try {
      const pool = await SandboxPool.start({ size: 1 });
      return new RunscriptSide(pool, bridge);
    } catch (error) {
      await bridge.close();
      throw error;
    }
  }

  async run(script: Script): Promise<SideRun> {
    const code = await readFile(script.path, "utf8");
    const runId = randomUUID();
    const runBridge = this.#bridge.forRun({ principal: PRINCIPAL, runId });
    const started = performance.now();
    const result = await this.#pool.run({
      code,
      language: "python",
      limits: { ...DEFAULT_LIMITS, timeoutMs: RUNSCRIPT_TIMEOUT_MS },
      runId,
      hostCall: (payload) => runBridge.handle(payload),
    });
    return {
      stdout: result.stdout,
      stderr: result.stderr,
      outcome: outcomeOf(result),
      calls: runBridge.calls().map((c) => `${c.service}.${c.operation}`),
      ms: performance.now() - started,
    };
  }

  async close(): Promise<void> {
    try {
      await this.#pool.close();
    } finally {
      await this.#bridge.close();
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
