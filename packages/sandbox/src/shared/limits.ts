/**
 * Run limits: one schema holds every limit's default and the server-side maximum.
 *
 * A caller (CLI flag, MCP tool argument) may ask for any value up to the maximum; the operator sets
 * both the defaults and the maxima in config. What each limit really guarantees is said on its field.
 */
import { z } from "zod";

const MiB = 1024 * 1024;

/** Limits that apply to one run. */
export const RunLimitsSchema = z.strictObject({
  /**
   * Wall-clock budget for the whole run, from the moment the script starts. At the deadline the
   * interpreter is interrupted (Python sees KeyboardInterrupt); if the script is still running
   * `hardKillGraceMs` later, its isolate is terminated, and if that does not stop it, its sandbox
   * process is killed (SIGKILL by the pool's watchdog). Guaranteed: the run ends within
   * timeoutMs + hardKillGraceMs + 2 s (`WATCHDOG_SLACK_MS` of the process handle).
   */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(15 * 60_000),
  /**
   * Python runs: cap on each WebAssembly memory of the sandbox (the Python heap); Python sees
   * MemoryError when it would grow past it. The isolate's JS heap has its own cap
   * (`ISOLATE_JS_HEAP_MB`). JavaScript runs: the isolate's JS heap cap. A soft cap inside the isolate;
   * the hard backstop is the sandbox process's RSS, killed past
   * `SandboxPoolOptions.processBaseRssBytes` + this cap + the isolate's JS heap (`ISOLATE_JS_HEAP_MB`).
   */
  memoryBytes: z
    .number()
    .int()
    .min(64 * MiB)
    .max(4096 * MiB),
  /** Cap on stdout + stderr bytes (UTF-8). Past it, output is truncated with a marker; the run goes on. */
  maxOutputBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * MiB),
  /** Cap on the serialized (JSON) result. Past it the run ends with status `result_limit`. */
  maxResultBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * MiB),
});
export type RunLimits = z.infer<typeof RunLimitsSchema>;

/** Limits a caller may ask for; each field is optional and falls back to the operator's default. */
export const RunLimitsRequestSchema = RunLimitsSchema.partial();
export type RunLimitsRequest = z.infer<typeof RunLimitsRequestSchema>;

/** The built-in defaults (issue #2): 30 s, 256 MiB, 1 MiB output, 1 MiB result. */
export const DEFAULT_LIMITS: RunLimits = {
  timeoutMs: 30_000,
  memoryBytes: 256 * MiB,
  maxOutputBytes: 1 * MiB,
  maxResultBytes: 1 * MiB,
};

/** The built-in server-side maxima. */
export const DEFAULT_MAX_LIMITS: RunLimits = {
  timeoutMs: 5 * 60_000,
  memoryBytes: 1024 * MiB,
  maxOutputBytes: 16 * MiB,
  maxResultBytes: 16 * MiB,
};

/** Operator policy for limits: what a run gets when it asks for nothing, and the most it may ask for. */
export const LimitPolicySchema = z
  .strictObject({
    defaults: RunLimitsSchema.default(DEFAULT_LIMITS),
    maxima: RunLimitsSchema.default(DEFAULT_MAX_LIMITS),
  })
  .superRefine((p, ctx) => {
    for (const key of Object.keys(p.defaults) as (keyof RunLimits)[]) {
      if (p.defaults[key] > p.maxima[key]) {
        ctx.addIssue({
          code: "custom",
          path: ["defaults", key],
          message: `default ${key} (${p.defaults[key]}) is above its maximum (${p.maxima[key]}); lower the default or raise maxima.${key}`,
        });
      }
    }
  });
export type LimitPolicy = z.infer<typeof LimitPolicySchema>;

/** Result of resolving a caller's request against the policy. */
export type ResolvedLimits =
  | { ok: true; limits: RunLimits }
  | { ok: false; field: keyof RunLimits; requested: number; maximum: number };

/**
 * Resolves what a caller asked for against the operator's policy. A request above a maximum is
 * refused (not silently lowered) so the caller learns the real ceiling.
 */
export function resolveLimits(policy: LimitPolicy, request: RunLimitsRequest = {}): ResolvedLimits {
  const limits: RunLimits = { ...policy.defaults };
  for (const key of Object.keys(limits) as (keyof RunLimits)[]) {
    const asked = request[key];
    if (asked === undefined) continue;
    if (asked > policy.maxima[key]) {
      return { ok: false, field: key, requested: asked, maximum: policy.maxima[key] };
    }
    limits[key] = asked;
  }
  return { ok: true, limits };
}
