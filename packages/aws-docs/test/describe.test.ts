import { beforeAll, describe, expect, it } from "vitest";
import { DocsIndex } from "../src/docs-index.js";

describe("describe_aws_operation", () => {
  let docs: DocsIndex;
  beforeAll(async () => {
    docs = await DocsIndex.open();
  });

  it("describes members with types, required flags and enum values (s3 ListObjectsV2)", async () => {
    const d = await docs.describe({ service: "s3", operation: "list_objects_v2" });
    expect(d.operation).toBe("ListObjectsV2");
    expect(d.method).toBe("list_objects_v2");
    const bucket = d.input.find((m) => m.name === "Bucket");
    expect(bucket).toMatchObject({ type: "string", required: true });
    expect(d.input.find((m) => m.name === "EncodingType")?.enum).toEqual(["url"]);
    expect(d.input.find((m) => m.name === "MaxKeys")).toMatchObject({ type: "number", required: false });
    const contents = d.output.find((m) => m.name === "Contents");
    expect(contents?.type).toBe("list of Object");
    expect(contents?.members?.some((m) => m.name === "Key")).toBe(true);
    expect(d.paginator).toMatchObject({
      inputToken: "ContinuationToken",
      outputToken: "NextContinuationToken",
    });
    expect(d.example).toContain('s3.get_paginator("list_objects_v2").paginate(Bucket="example-bucket")');
    expect(d.documentation).toContain("1,000");
    expect(d.text).toContain("## Parameters");
  });

  it("names the waiters that poll an operation, with boto3's names", async () => {
    const d = await docs.describe({ service: "s3", operation: "HeadBucket" });
    expect(d.waiters).toEqual(["bucket_exists", "bucket_not_exists"]);
  });

  it("expands nested shapes only to the depth asked for", async () => {
    const shallow = await docs.describe({ service: "ec2", operation: "DescribeInstances", depth: 1 });
    const reservations = shallow.output.find((m) => m.name === "Reservations");
    expect(reservations?.members).toBeUndefined();
    expect(reservations?.truncated).toBe(true);
    const deep = await docs.describe({ service: "ec2", operation: "DescribeInstances", depth: 3 });
    const instances = deep.output
      .find((m) => m.name === "Reservations")
      ?.members?.find((m) => m.name === "Instances");
    expect(instances?.members?.some((m) => m.name === "InstanceId")).toBe(true);
  });

  it("builds an example from required members, nested structures included (iam CreateRole)", async () => {
    const d = await docs.describe({ service: "iam", operation: "CreateRole" });
    expect(d.example).toContain('iam.create_role(RoleName="example-role-name", AssumeRolePolicyDocument=');
  });

  it("refuses unknown operations with close names, and unknown services", async () => {
    await expect(docs.describe({ service: "s3", operation: "ListObjectV2" })).rejects.toMatchObject({
      code: "UnknownOperation",
      message: expect.stringContaining("ListObjectsV2"),
    });
    await expect(docs.describe({ service: "nosuch", operation: "X" })).rejects.toMatchObject({
      code: "UnknownService",
    });
  });

  it("includes what the caller says about access", async () => {
    const d = await docs.describe({
      service: "s3",
      operation: "HeadObject",
      access: () => ({ actions: ["s3:GetObject"], allowed: false, detail: "no statement allows it" }),
    });
    expect(d.text).toContain("`s3:GetObject` — denied for this agent (no statement allows it)");
  });
});
