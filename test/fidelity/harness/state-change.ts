/**
 * Whether an AWS operation may have changed moto's state. Between scripts that only read, the lanes
 * keep their seeded world instead of resetting and seeding it again (seeding is most of the oracle's
 * cost). Deliberately conservative: anything not named like a read counts as a change.
 */

const READ_PREFIXES = [
  "Get",
  "List",
  "Describe",
  "Head",
  "Lookup",
  "Search",
  "Scan",
  "Query",
  "BatchGet",
  "Select",
];

/** Reads that moto nonetheless implements with a side effect. */
const CHANGING_READS = new Set(["sqs.ReceiveMessage", "s3.SelectObjectContent"]);

/** `call` is `service.Operation`, as the sides report them. */
export function mayChangeState(call: string): boolean {
  if (CHANGING_READS.has(call)) return true;
  const operation = call.slice(call.indexOf(".") + 1);
  return !READ_PREFIXES.some((p) => operation.startsWith(p) && /^[A-Z]?$/.test(operation.charAt(p.length)));
}
