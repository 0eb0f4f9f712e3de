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
 * botocore converts `PaginationConfig.PageSize` to the limit key's model type (`str` for a string
 * member such as Route 53's `MaxItems`, `int` otherwise); the sandbox has no shapes, so the answer
 * carries that type as `limit_key_type` beside botocore's keys.
 */
function limitKeyType(service: string, operation: string, limitKey: unknown): "string" | "integer" | null {
  if (typeof limitKey !== "string") return null;
  const data = botocoreService(service);
  const inputShape = data?.operations[operation]?.[1];
  const shape = inputShape ? data?.shapes[inputShape] : undefined;
  if (!Array.isArray(shape) || shape[0] !== "S") return null;
  const members = shape[1] as readonly (readonly [string, string, number])[];
  const member = members.find(([name]) => name === limitKey);
  const spec = member ? data?.shapes[member[1]] : undefined;
  return typeof spec === "string" && spec.split(":")[0] === "s" ? "string" : "integer";
}

/**
 * botocore's paginator config for a boto3 service name and canonical (PascalCase) operation, or
 * `null` when boto3 cannot paginate it.
 */
export function paginatorInfo(service: string, operation: string): PaginatorInfo | null {
  const config = botocoreService(service)?.paginators[operation];
  if (!config) return null;
  const type = limitKeyType(service, operation, config.limit_key);
  return (type ? { ...config, limit_key_type: type } : { ...config }) as PaginatorInfo;
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
