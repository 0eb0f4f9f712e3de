import {
  DEFAULT_LIMITS,
  type RunLimits,
  type RunResult,
  SandboxPool,
  type SandboxPoolOptions,
} from "../src/index.js";

/** Starts a pool for one test file. */
export async function startPool(options: SandboxPoolOptions = {}): Promise<SandboxPool> {
  return SandboxPool.start({ size: 1, ...options });
}

/** Runs `code` with default limits overridden by `limits`. */
export function runIn(pool: SandboxPool, code: string, limits: Partial<RunLimits> = {}): Promise<RunResult> {
  return pool.run({ code, limits: { ...DEFAULT_LIMITS, ...limits } });
}

export const MiB = 1024 * 1024;
