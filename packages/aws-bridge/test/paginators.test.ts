import { describe, expect, it } from "vitest";
import { GENERATED_PAGINATORS } from "../src/paginators.generated.js";
import { paginatorInfo } from "../src/paginators.js";
import { SERVICE_NAMES } from "../src/services.js";

describe("paginator metadata", () => {
  it("answers known paginators", () => {
    expect(paginatorInfo("s3", "ListObjectsV2")).toEqual({
      inputToken: "ContinuationToken",
      outputToken: "NextContinuationToken",
      pageSizeKey: "MaxKeys",
    });
    expect(paginatorInfo("dynamodb", "Scan")).toEqual({
      inputToken: "ExclusiveStartKey",
      outputToken: "LastEvaluatedKey",
      pageSizeKey: "Limit",
    });
    expect(paginatorInfo("ec2", "DescribeInstances")?.inputToken).toBe("NextToken");
    expect(paginatorInfo("logs", "FilterLogEvents")?.outputToken).toBe("nextToken");
  });

  it("answers null for operations without pagination", () => {
    expect(paginatorInfo("s3", "GetObject")).toBeNull();
    expect(paginatorInfo("sts", "GetCallerIdentity")).toBeNull();
    expect(paginatorInfo("nope", "ListThings")).toBeNull();
  });

  it("covers every registry service", () => {
    expect(Object.keys(GENERATED_PAGINATORS).sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it("is up to date with the installed SDK packages", async () => {
    // @ts-expect-error: the generator is a plain .mjs script without type declarations
    const { collectPaginators } = await import("../scripts/generate-paginators.mjs");
    const { paginators } = (await collectPaginators()) as { paginators: typeof GENERATED_PAGINATORS };
    expect(paginators).toEqual(GENERATED_PAGINATORS);
  });
});
