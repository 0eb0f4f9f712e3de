import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwsBridgeError } from "../src/errors.js";
import { isKnownRegion, REGIONS_BY_PARTITION, validateRegion } from "../src/regions.js";

function code(region: string): string | null {
  try {
    validateRegion(region);
    return null;
  } catch (err) {
    return err instanceof AwsBridgeError ? err.code : "other";
  }
}

describe("region validation", () => {
  it("accepts real regions of the commercial, GovCloud, China and EU sovereign partitions", () => {
    for (const r of [
      "us-east-1",
      "eu-west-3",
      "ap-southeast-7",
      "us-gov-west-1",
      "cn-northwest-1",
      "eusc-de-east-1",
    ]) {
      expect(validateRegion(r)).toBe(r);
    }
  });

  it("rejects injection strings and near misses with InvalidRegion", () => {
    for (const r of [
      "x@evil.example:443/#",
      "evil.example",
      "us-east-1.evil.example",
      "us-east-1/../",
      "us-east-1#",
      "us-east-1 ",
      "US-EAST-1",
      "us-east-9",
      "",
      "127.0.0.1",
      "us-east-1\n",
      "localhost",
      "__proto__",
      "constructor",
    ]) {
      expect(code(r), JSON.stringify(r)).toBe("InvalidRegion");
    }
  });

  it("suggests a close region only for region-like input, and never echoes hostile input", () => {
    let message = "";
    try {
      validateRegion("us-est-1");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("'us-east-1'");
    try {
      validateRegion("x@evil.example:443/#");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain("evil");
  });

  it("matches the regions the installed SDK knows for these partitions", () => {
    const require = createRequire(import.meta.url);
    const core = dirname(require.resolve("@aws-sdk/core/package.json"));
    const text = readFileSync(
      join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"),
      "utf8",
    );
    const info = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
      partitions: { id: string; regions: Record<string, unknown> }[];
    };
    for (const [partition, ours] of Object.entries(REGIONS_BY_PARTITION)) {
      const sdk = info.partitions.find((p) => p.id === partition);
      expect(sdk, partition).toBeDefined();
      const sdkRegions = Object.keys(sdk?.regions ?? {}).filter((r) => /\d$/.test(r));
      expect([...ours].sort()).toEqual(sdkRegions.sort());
    }
    expect(isKnownRegion("us-iso-east-1")).toBe(false);
  });
});
