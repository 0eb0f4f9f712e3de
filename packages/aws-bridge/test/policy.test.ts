import { describe, expect, it } from "vitest";
import { type PrincipalConfigInput, PrincipalConfigSchema } from "../src/config.js";
import { isReadOperation } from "../src/operation-class.js";
import { Policy, PolicyPattern } from "../src/policy.js";
import { readOnlyPolicyArn, readOnlySessionPolicy } from "../src/session-policy.js";

function policy(p: Partial<PrincipalConfigInput>): Policy {
  return new Policy(PrincipalConfigSchema.parse({ name: "agent", ...p }));
}

const allowed = (pol: Policy, action: string): boolean => {
  const [prefix, op] = action.split(":") as [string, string];
  return pol.decide(prefix, op).allowed;
};

describe("policy patterns", () => {
  it("match prefix:Operation globs case-insensitively", () => {
    expect(new PolicyPattern("s3:Get*").matches("s3:GetObject")).toBe(true);
    expect(new PolicyPattern("S3:get*").matches("s3:GetObject")).toBe(true);
    expect(new PolicyPattern("s3:Get*").matches("s3:PutObject")).toBe(false);
    expect(new PolicyPattern("s3:Get*").matches("s3x:GetObject")).toBe(false);
    expect(new PolicyPattern("iam:*").matches("iam:CreateUser")).toBe(true);
    expect(new PolicyPattern("*:List*").matches("ec2:ListImagesInRecycleBin")).toBe(true);
    expect(new PolicyPattern("*").matches("kms:Decrypt")).toBe(true);
    expect(new PolicyPattern("ec2:Describe*").matches("ec2:DescribeInstances")).toBe(true);
    expect(new PolicyPattern("ec2:DescribeInstances").matches("ec2:DescribeInstancesX")).toBe(false);
  });

  it("treats regex metacharacters in patterns literally", () => {
    expect(new PolicyPattern("s3:Get.bject").matches("s3:GetObject")).toBe(false);
  });
});

describe("read-only as AWS means it", () => {
  it("allows the Read-level audit reports and denies secret-carrying reads by default", () => {
    const pol = policy({ readOnly: true });
    expect(allowed(pol, "iam:GenerateCredentialReport")).toBe(true);
    expect(allowed(pol, "iam:GetCredentialReport")).toBe(true);
    expect(allowed(pol, "iam:GenerateServiceLastAccessedDetails")).toBe(true);
    for (const a of [
      "lambda:GetFunction",
      "ecs:DescribeTaskDefinition",
      "ec2:GetPasswordData",
      "ec2:DescribeInstanceAttribute",
      "ec2:GetConsoleOutput",
      "secretsmanager:GetSecretValue",
    ]) {
      expect(allowed(pol, a), a).toBe(false);
    }
    expect(allowed(pol, "lambda:ListFunctions")).toBe(true);
  });

  it("lets an operator allow named secret-carrying reads, also in the session policy", () => {
    const pol = policy({ readOnly: true, allowSensitiveReads: ["lambda:GetFunction"] });
    expect(allowed(pol, "lambda:GetFunction")).toBe(true);
    expect(allowed(pol, "ec2:GetPasswordData")).toBe(false);
    // Credential issuers stay denied whatever this list says.
    expect(allowed(policy({ readOnly: true, allowSensitiveReads: ["sts:*"] }), "sts:GetSessionToken")).toBe(
      false,
    );
    const deny = JSON.parse(readOnlySessionPolicy(["lambda:GetFunction"])).Statement[0].Action as string[];
    expect(deny).not.toContain("lambda:GetFunction");
    expect(deny).toContain("ec2:GetPasswordData");
  });
});

describe("policy decisions", () => {
  it("allows everything not denied by default (empty allow list, not read-only)", () => {
    const pol = policy({});
    expect(allowed(pol, "s3:PutObject")).toBe(true);
    expect(allowed(pol, "ec2:TerminateInstances")).toBe(true);
  });

  it("lets deny win over allow", () => {
    const pol = policy({ allow: ["s3:*"], deny: ["s3:Delete*"] });
    expect(allowed(pol, "s3:GetObject")).toBe(true);
    expect(allowed(pol, "s3:DeleteObject")).toBe(false);
    expect(allowed(pol, "ec2:DescribeInstances")).toBe(false);
    const d = pol.decide("s3", "DeleteBucket");
    expect(d.allowed === false && d.reason).toContain("s3:Delete*");
  });

  it("read-only principals may call reads only", () => {
    const pol = policy({ readOnly: true });
    for (const a of [
      "s3:ListBuckets",
      "s3:GetObject",
      "s3:HeadObject",
      "ec2:DescribeInstances",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:BatchGetItem",
      "cloudtrail:LookupEvents",
      "logs:FilterLogEvents",
      "logs:StartQuery",
      "sts:GetCallerIdentity",
    ]) {
      expect(allowed(pol, a), a).toBe(true);
    }
    for (const a of [
      "s3:PutObject",
      "s3:DeleteBucket",
      "ec2:RunInstances",
      "iam:CreateUser",
      "kms:Decrypt",
      "secretsmanager:GetSecretValue",
      "secretsmanager:BatchGetSecretValue",
      "lambda:Invoke",
      "sts:GetSessionToken",
    ]) {
      expect(allowed(pol, a), a).toBe(false);
    }
  });

  it("read-only with an allow list is the intersection", () => {
    const pol = policy({ readOnly: true, allow: ["s3:*"] });
    expect(allowed(pol, "s3:ListBuckets")).toBe(true);
    expect(allowed(pol, "s3:PutObject")).toBe(false);
    expect(allowed(pol, "ec2:DescribeInstances")).toBe(false);
  });

  it("denies credential-issuing operations even when allowed by pattern", () => {
    const pol = policy({ allow: ["*"] });
    for (const a of [
      "sts:AssumeRole",
      "sts:AssumeRoleWithWebIdentity",
      "sts:GetSessionToken",
      "sts:GetFederationToken",
      "iam:CreateAccessKey",
      "sso:GetRoleCredentials",
      "ecr:GetAuthorizationToken",
    ]) {
      expect(allowed(pol, a), a).toBe(false);
    }
    expect(allowed(pol, "sts:GetCallerIdentity")).toBe(true);
  });

  it("allows a credential operation the operator lists explicitly, still subject to deny", () => {
    const pol = policy({ allowCredentialOperations: ["sts:GetSessionToken"] });
    expect(allowed(pol, "sts:GetSessionToken")).toBe(true);
    expect(allowed(pol, "sts:AssumeRole")).toBe(false);
    const denied = policy({ allowCredentialOperations: ["sts:GetSessionToken"], deny: ["sts:*"] });
    expect(allowed(denied, "sts:GetSessionToken")).toBe(false);
    const readOnly = policy({ allowCredentialOperations: ["sts:GetSessionToken"], readOnly: true });
    expect(allowed(readOnly, "sts:GetSessionToken")).toBe(false);
  });

  it("throws AccessDeniedByPolicy from check()", () => {
    expect(() => policy({ readOnly: true }).check("s3", "PutObject")).toThrow(
      expect.objectContaining({ code: "AccessDeniedByPolicy", httpStatus: 403 }),
    );
  });
});

describe("read classification", () => {
  it("classifies by whole-word verb prefix", () => {
    expect(isReadOperation("s3", "GetObject")).toBe(true);
    expect(isReadOperation("ec2", "DescribeVpcs")).toBe(true);
    expect(isReadOperation("x", "Listen")).toBe(false);
    expect(isReadOperation("x", "Getaway")).toBe(false);
    expect(isReadOperation("s3", "ListObjectsV2")).toBe(true);
  });
});

describe("read-only session policy", () => {
  it("fits the STS session policy limit, denies secret reads, and names AWS's ReadOnlyAccess", () => {
    const text = readOnlySessionPolicy();
    expect(text.length).toBeLessThanOrEqual(2048);
    const doc = JSON.parse(text) as { Statement: { Effect: string; Action: string[] }[] };
    expect(doc.Statement.every((s) => s.Effect === "Deny")).toBe(true);
    const deny = doc.Statement.flatMap((s) => s.Action);
    expect(deny).toContain("secretsmanager:GetSecretValue");
    expect(readOnlyPolicyArn("arn:aws:iam::123456789012:role/r")).toBe(
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    );
    expect(readOnlyPolicyArn("arn:aws-cn:iam::123456789012:role/r")).toBe(
      "arn:aws-cn:iam::aws:policy/ReadOnlyAccess",
    );
  });
});
