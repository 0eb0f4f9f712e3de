/**
 * The record of one run as every caller sees it (MCP `run_script`, `runscript run --json`, tests):
 * the sandbox's `RunResult` plus the run's id and the AWS calls it made. One schema, derived from the
 * sandbox's; nothing restates it.
 */
import { ApiCallRecordSchema } from "@runscript/aws-bridge";
import { RunResultSchema } from "@runscript/sandbox";
import { z } from "zod";

export const RunRecordSchema = RunResultSchema.extend({
  /** Identifies the run in logs, the audit trail and task ids. */
  run_id: z.string(),
  /** Every AWS call the run made, allowed or denied, in order (no parameter values). */
  api_calls: z.array(ApiCallRecordSchema),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;
