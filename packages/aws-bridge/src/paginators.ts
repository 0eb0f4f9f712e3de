/**
 * Answers `aws.paginator` requests: how an operation paginates, from the table generated out of the
 * SDK packages (`paginators.generated.ts`; regenerate with `scripts/generate-paginators.mjs`).
 */
import { GENERATED_PAGINATORS } from "./paginators.generated.js";
import type { PaginatorInfo } from "./protocol.js";

const TABLE: ReadonlyMap<string, ReadonlyMap<string, PaginatorInfo>> = new Map(
  Object.entries(GENERATED_PAGINATORS).map(([service, entries]) => [
    service,
    new Map(
      entries.map(([operation, inputToken, outputToken, pageSizeKey]) => [
        operation,
        { inputToken, outputToken, pageSizeKey },
      ]),
    ),
  ]),
);

/**
 * Pagination metadata for a canonical service and operation name, or `null` when the operation
 * cannot be paginated.
 */
export function paginatorInfo(service: string, operation: string): PaginatorInfo | null {
  return TABLE.get(service)?.get(operation) ?? null;
}
