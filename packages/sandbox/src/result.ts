/**
 * The result contract of one run: the single schema that the CLI's `--json`, the MCP `run_script`
 * tool's `structuredContent` and the tests all use.
 */
import { z } from "zod";

/**
 * How a run ended: `success`; `error` (the script raised, or its sandbox failed); `timeout`,
 * `memory_limit`, `result_limit` (a limit stopped it); `cancelled` (its caller aborted it).
 */
export const RunStatusSchema = z.enum([
  "success",
  "error",
  "timeout",
  "memory_limit",
  "result_limit",
  "cancelled",
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunErrorSchema = z.object({
  /** The exception's type name, e.g. `ZeroDivisionError`, `KeyboardInterrupt`, `MemoryError`. */
  type: z.string(),
  message: z.string(),
  /** The traceback as Python formats it (only frames of the script, never of the host). */
  traceback: z.string(),
});
export type RunError = z.infer<typeof RunErrorSchema>;

/** A JSON value (the script's last expression, converted). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

export const RunResultSchema = z.object({
  status: RunStatusSchema,
  /**
   * JSON value of the script's last expression: dict, list, str, int, float, bool, None map to JSON;
   * datetime/date/time to ISO 8601 strings; bytes to base64 in `{"$bytes": ...}`; anything else to its
   * `repr`. `null` when the script ended with a statement or did not succeed.
   */
  result: JsonValueSchema,
  stdout: z.string(),
  stderr: z.string(),
  error: RunErrorSchema.nullable(),
  durationMs: z.number(),
  truncated: z.object({ stdout: z.boolean(), stderr: z.boolean() }),
});
export type RunResult = z.infer<typeof RunResultSchema>;
