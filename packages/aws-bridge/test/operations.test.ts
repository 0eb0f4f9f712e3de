import { describe, expect, it } from "vitest";
import { resolveService } from "../src/catalog.js";
import { AwsBridgeError } from "../src/errors.js";
import { loadServiceModule, operationKey, resolveOperation } from "../src/operations.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AwsBridgeError ? err.code : "not-a-bridge-error";
  }
  return undefined;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return "";
}

describe("service resolution", () => {
  it("resolves boto3 names and aliases, case-insensitively", () => {
    expect(resolveService("s3").name).toBe("s3");
    expect(resolveService("S3").name).toBe("s3");
    expect(resolveService("logs").packageName).toBe("@aws-sdk/client-cloudwatch-logs");
    expect(resolveService("cloudwatch-logs").name).toBe("logs");
    expect(resolveService("secrets-manager").name).toBe("secretsmanager");
    expect(resolveService("SecretsManager").iamPrefix).toBe("secretsmanager");
    expect(resolveService("config-service").name).toBe("config");
  });

  it("refuses unknown services with close matches and how to add one", () => {
    expect(codeOf(() => resolveService("s4"))).toBe("UnknownService");
    const msg = messageOf(() => resolveService("dynamo"));
    expect(msg).toContain("'dynamodb'");
    expect(msg).toContain("Installed services:");
    expect(messageOf(() => resolveService("lamda"))).toContain("'lambda'");
  });

  it("never treats prototype property names as services", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(codeOf(() => resolveService(name))).toBe("UnknownService");
    }
  });
});

describe("operation resolution", () => {
  it("accepts PascalCase, snake_case and any case", async () => {
    const s3 = await loadServiceModule(resolveService("s3"));
    expect(resolveOperation(s3, "ListBuckets")).toBe("ListBuckets");
    expect(resolveOperation(s3, "list_buckets")).toBe("ListBuckets");
    expect(resolveOperation(s3, "LIST_BUCKETS")).toBe("ListBuckets");
    expect(resolveOperation(s3, "listbuckets")).toBe("ListBuckets");
    expect(resolveOperation(s3, "list_objects_v2")).toBe("ListObjectsV2");
    expect(resolveOperation(s3, "get_object")).toBe("GetObject");
    const rds = await loadServiceModule(resolveService("rds"));
    expect(resolveOperation(rds, "describe_db_instances")).toBe("DescribeDBInstances");
    const sts = await loadServiceModule(resolveService("sts"));
    expect(resolveOperation(sts, "assume_role_with_saml")).toBe("AssumeRoleWithSAML");
  });

  it("maps deprecated boto3 names to their SDK v3 operations", async () => {
    const s3 = await loadServiceModule(resolveService("s3"));
    expect(resolveOperation(s3, "get_bucket_lifecycle")).toBe("GetBucketLifecycleConfiguration");
    expect(resolveOperation(s3, "put_bucket_notification")).toBe("PutBucketNotificationConfiguration");
  });

  it("suggests the closest operations for typos", async () => {
    const s3 = await loadServiceModule(resolveService("s3"));
    expect(codeOf(() => resolveOperation(s3, "list_bucket"))).toBe("UnknownOperation");
    expect(messageOf(() => resolveOperation(s3, "list_bucket"))).toContain("'ListBuckets'");
    expect(messageOf(() => resolveOperation(s3, "GetObjekt"))).toContain("'GetObject'");
    const ec2 = await loadServiceModule(resolveService("ec2"));
    expect(messageOf(() => resolveOperation(ec2, "describe_instance"))).toContain("'DescribeInstances'");
  });

  it("explains boto3 helpers that are not API operations", async () => {
    const s3 = await loadServiceModule(resolveService("s3"));
    expect(codeOf(() => resolveOperation(s3, "generate_presigned_url"))).toBe("UnknownOperation");
    expect(messageOf(() => resolveOperation(s3, "generate_presigned_url"))).toContain("presigned");
    expect(messageOf(() => resolveOperation(s3, "upload_file"))).toContain("put_object");
  });

  it("does not resolve module internals or prototype names", async () => {
    const s3 = await loadServiceModule(resolveService("s3"));
    for (const name of [
      "S3Client",
      "S3",
      "constructor",
      "__proto__",
      "Command",
      "toString",
      "paginateListObjectsV2",
    ]) {
      expect(codeOf(() => resolveOperation(s3, name))).toBe("UnknownOperation");
    }
  });

  it("builds lookup keys without underscores or case", () => {
    expect(operationKey("List_Objects_V2")).toBe("listobjectsv2");
  });
});
