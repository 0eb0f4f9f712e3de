/**
 * Answers `aws.paginator`: botocore's paginator config for an operation (from `paginators-1.json`
 * with its sdk-extras merged, generated into `data/botocore/`), so the sandbox's paginators behave
 * as botocore's: `input_token`/`output_token` (strings, lists, or JMESPath-like paths),
 * `limit_key`, `result_key`, `more_results`, `non_aggregate_keys`.
 */
import { botocoreService } from "./botocore-data.js";
import type { ServiceModule } from "./operations.js";
import type { PaginatorInfo } from "./protocol.js";

/**
 * The legacy fields the first sandbox paginator read (`inputToken`, `outputToken`, `pageSizeKey`),
 * added beside botocore's keys while the sandbox side moves to botocore's config. Only single-token
 * paginators have them.
 * TODO(issue 12): drop once `sandbox-images/python/botocore/paginate.py` reads botocore's keys.
 */
function legacy(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const input = config.input_token;
  const output = config.output_token;
  if (typeof input !== "string" || typeof output !== "string") return {};
  const limit = config.limit_key;
  return { inputToken: input, outputToken: output, pageSizeKey: typeof limit === "string" ? limit : null };
}

/**
 * botocore's paginator config for a boto3 service name and canonical (PascalCase) operation, or
 * `null` when boto3 cannot paginate it.
 */
export function paginatorInfo(service: string, operation: string): PaginatorInfo | null {
  const config = botocoreService(service)?.paginators[operation];
  if (!config) return null;
  return { ...config, ...legacy(config) } as PaginatorInfo;
}

/** The boto3 method names of every operation that `can_paginate` (and the host can call), sorted. */
export function paginatorMethods(mod: ServiceModule): string[] {
  const data = mod.botocore;
  if (!data) return [];
  return Object.keys(data.paginators)
    .filter((op) => mod.commands.has(op))
    .map((op) => data.operations[op]?.[0] ?? op)
    .sort();
}
