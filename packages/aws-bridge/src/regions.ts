/**
 * Region names a script may use: an explicit list of real AWS regions (commercial, AWS GovCloud
 * (US), China and the European Sovereign Cloud partitions). A region string ends up in a hostname,
 * so anything not on this list is refused, never pattern-matched.
 *
 * Isolated (ISO) partitions are not listed; an operator who runs there adds them here.
 */
import { AwsBridgeError } from "./errors.js";
import { closestMatches } from "./suggest.js";

/** Every region the bridge accepts, by partition. */
export const REGIONS_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "me-west-1",
    "mx-central-1",
    "sa-east-1",
    "sa-west-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-eusc": ["eusc-de-east-1"],
};

const REGIONS: ReadonlySet<string> = new Set(Object.values(REGIONS_BY_PARTITION).flat());

/** True if `region` is exactly one of the known region names. */
export function isKnownRegion(region: string): boolean {
  return REGIONS.has(region);
}

/**
 * Returns `region` if it is a known region name (exact, lower case), else throws `InvalidRegion`.
 * The error names close matches only when the input looks like a region (letters, digits, `-`).
 */
export function validateRegion(region: string): string {
  if (REGIONS.has(region)) return region;
  const plain = /^[a-z0-9-]{1,32}$/i.test(region);
  const near = plain ? closestMatches(region.toLowerCase(), REGIONS) : [];
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(", ")}?` : "";
  const shown = plain ? `'${region}'` : "the given region";
  throw new AwsBridgeError("InvalidRegion", `${shown} is not an AWS region name.${hint}`);
}
