import { describe, expect, it } from "vitest";
import { effectivePublicity, planSeedBuckets } from "../src/index.js";
import { canonicalQuery, canonicalUri, computeSignature, parseAuthorization } from "../src/sigv4.js";

describe("seed plans", () => {
  it("are deterministic, cover every kind when n >= 4, and carry consistent truth", () => {
    const plan = planSeedBuckets(40, 7);
    expect(planSeedBuckets(40, 7)).toEqual(plan);
    expect(new Set(plan.slice(0, 4).map((t) => t.kind)).size).toBe(4);
    expect(new Set(plan.map((t) => t.bucket)).size).toBe(40);
    for (const t of plan) {
      expect(t.bucket).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
      expect(effectivePublicity(t.security).isPublic).toBe(t.isPublic);
      switch (t.kind) {
        case "blocked":
          expect(t.security.publicAccessBlock).toEqual({
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          });
          expect(t.isPublic).toBe(false);
          break;
        case "no-pab":
          expect(t.security.publicAccessBlock).toBeNull();
          expect(t.isPublic).toBe(false);
          break;
        case "public-acl":
          expect(t.publicVia).toEqual(["acl"]);
          break;
        case "public-policy":
          expect(t.publicVia).toEqual(["policy"]);
          break;
      }
    }
  });

  it("treats a public ACL behind IgnorePublicAcls as not public", () => {
    const pab = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    };
    expect(effectivePublicity({ publicAccessBlock: pab, policy: "none", acl: "public-read" }).isPublic).toBe(
      false,
    );
    expect(
      effectivePublicity({ publicAccessBlock: pab, policy: "public", acl: "private" }).publicVia,
    ).toEqual(["policy"]);
  });
});

describe("SigV4 pieces", () => {
  it("canonicalises query strings by sorted, re-encoded name and value", () => {
    expect(canonicalQuery("b=2&a=x%20y&a=%2B&list-type=2&prefix=a+b&empty")).toBe(
      "a=%2B&a=x%20y&b=2&empty=&list-type=2&prefix=a%2Bb",
    );
    expect(canonicalQuery("bad=%zz")).toBeUndefined();
  });

  it("keeps S3 paths as sent and double-encodes other services' paths", () => {
    expect(canonicalUri("/bucket/a%20b", "s3")).toBe("/bucket/a%20b");
    expect(canonicalUri("/a%20b/./c/../d", "execute-api")).toBe("/a%2520b/d");
    expect(canonicalUri("", "sts")).toBe("/");
  });

  it("matches the AWS documentation's example signature (GET ?Action=ListUsers, IAM)", () => {
    // From the AWS General Reference "Signature Version 4 signing process" example.
    const canonical = [
      "GET",
      "/",
      "Action=ListUsers&Version=2010-05-08",
      "content-type:application/x-www-form-urlencoded; charset=utf-8",
      "host:iam.amazonaws.com",
      "x-amz-date:20150830T123600Z",
      "",
      "content-type;host;x-amz-date",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ].join("\n");
    const sig = computeSignature(
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      "20150830T123600Z",
      { scopeDate: "20150830", region: "us-east-1", service: "iam" },
      canonical,
    );
    expect(sig).toBe("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  });

  it("parses Authorization headers and refuses malformed ones", () => {
    const parsed = parseAuthorization(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${"a".repeat(64)}`,
    );
    expect(parsed).toMatchObject({
      accessKeyId: "AKIDEXAMPLE",
      region: "us-east-1",
      service: "iam",
      signedHeaders: ["content-type", "host", "x-amz-date"],
    });
    expect(parseAuthorization("AWS AKID:sig")).toBeUndefined();
    expect(
      parseAuthorization("AWS4-HMAC-SHA256 Credential=AKID/2015/us-east-1/iam/aws4_request"),
    ).toBeUndefined();
  });
});
