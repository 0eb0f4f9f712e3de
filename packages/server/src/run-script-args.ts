/**
 * The `run_script` tool's arguments: one schema (the tool's input schema, as the MCP SDK takes it)
 * and the type inferred from it, and how they become run limits under the operator's policy.
 */
import { type LimitPolicy, type RunLimits, resolveLimits } from "@runscript/sandbox";
import { z } from "zod";
import { ServerError } from "./errors.js";

/** Input schema of `run_script` (a raw shape, as `McpServer.registerTool` takes it). */
export const RunScriptInputSchema = {
  code: z
    .string()
    .min(1)
    .max(1_000_000)
    .describe("The script. Python by default; its last expression is the result."),
  language: z.enum(["python", "javascript"]).optional().describe("python (default) or javascript"),
  timeout_seconds: z.number().positive().max(3600).optional().describe("Wall-clock limit (default 30)"),
  memory_mb: z.number().int().positive().max(65_536).optional().describe("Memory limit in MiB (default 256)"),
  region: z.string().min(1).max(64).optional().describe("Default AWS region for calls that name none"),
};

/** `run_script` arguments, as the tool's schema parsed them. */
export type RunScriptArgs = z.infer<z.ZodObject<typeof RunScriptInputSchema>>;

/**
 * The run's limits: the operator's defaults, with what the caller asked for. A request above a
 * maximum is refused (`INVALID_ARGUMENT` naming the argument), never silently lowered.
 */
export function limitsFromArgs(policy: LimitPolicy, args: RunScriptArgs): RunLimits {
  const resolved = resolveLimits(policy, {
    ...(args.timeout_seconds !== undefined ? { timeoutMs: Math.round(args.timeout_seconds * 1000) } : {}),
    ...(args.memory_mb !== undefined ? { memoryBytes: Math.round(args.memory_mb * 1048576) } : {}),
  });
  if (!resolved.ok) {
    const unit = resolved.field === "timeoutMs" ? "timeout_seconds" : "memory_mb";
    const max = resolved.field === "timeoutMs" ? resolved.maximum / 1000 : resolved.maximum / 1048576;
    throw new ServerError("INVALID_ARGUMENT", `${unit} is above this server's maximum of ${max}`);
  }
  return resolved.limits;
}
