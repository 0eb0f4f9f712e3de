/**
 * @runscript/sandbox: the hardened run_script core. Fresh Pyodide sandboxes, each in its own
 * isolated-vm isolate inside locked-down sandbox processes, with enforced limits.
 */

export { measureBoots } from "./boot-benchmark.js";
export { SandboxError, type SandboxErrorCode } from "./errors.js";
export { detectNetworkNamespace, type HardeningReport } from "./hardening.js";
export { defaultImageDir } from "./image.js";
export {
  DEFAULT_LIMITS,
  DEFAULT_MAX_LIMITS,
  type LimitPolicy,
  LimitPolicySchema,
  type ResolvedLimits,
  type RunLimits,
  type RunLimitsRequest,
  RunLimitsRequestSchema,
  RunLimitsSchema,
  resolveLimits,
} from "./limits.js";
export {
  type JsonValue,
  JsonValueSchema,
  type RunError,
  RunErrorSchema,
  type RunResult,
  RunResultSchema,
  type RunStatus,
  RunStatusSchema,
} from "./result.js";
export {
  type PoolRunRequest,
  type PoolStats,
  SandboxPool,
  type SandboxPoolOptions,
  SandboxPoolOptionsSchema,
} from "./sandbox-pool.js";
export { bootedTableNames, makeSnapshot } from "./snapshot.js";
