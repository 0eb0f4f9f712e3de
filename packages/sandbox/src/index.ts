/**
 * @runscript/sandbox: the hardened run_script core, host side. Fresh Pyodide (or bare JavaScript)
 * sandboxes, each in its own isolated-vm isolate inside locked-down sandbox processes, with enforced
 * limits.
 *
 * This entry is what the server imports; it never loads isolated-vm (that happens only inside sandbox
 * processes, `src/worker/`). Image-build and benchmark helpers are in `@runscript/sandbox/build`.
 */

export { detectNetworkNamespace, type HardeningReport } from "./hardening.js";
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
  type SandboxPoolDeps,
  type SandboxPoolOptions,
  SandboxPoolOptionsSchema,
} from "./sandbox-pool.js";
export { SandboxError, type SandboxErrorCode } from "./shared/errors.js";
export {
  type HostCallFailure,
  type HostCallFailureCode,
  HostCallFailureCodeSchema,
  type HostCallHandler,
} from "./shared/host-call.js";
export { defaultImageDir } from "./shared/image.js";
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
} from "./shared/limits.js";
