import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalAws, startLocalAws } from "../src/index.js";
import { assume, ROLE_ARN, rejectionOf, s3Client, stsClient } from "./helpers.js";

describe("STS", () => {
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await startLocalAws({ assumableRoles: [ROLE_ARN, "arn:aws:iam::210987654321:role/other-account"] });
  });
  afterAll(async () => {
    await aws.close();
  });

  it("AssumeRole issues distinct temporary credentials per call and records every parameter", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }],
    });
    const sts = stsClient(aws);
    const first = await sts.send(
      new AssumeRoleCommand({
        RoleArn: ROLE_ARN,
        RoleSessionName: "run-1",
        DurationSeconds: 900,
        SourceIdentity: "agent-42",
        Policy: policy,
        Tags: [
          { Key: "run-id", Value: "r-1" },
          { Key: "caller", Value: "tester" },
        ],
        TransitiveTagKeys: ["run-id"],
      }),
    );
    const second = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "run-2" }));
    const c1 = first.Credentials!;
    const c2 = second.Credentials!;
    expect(c1.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c2.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c1.AccessKeyId).not.toBe(c2.AccessKeyId);
    expect(c1.SecretAccessKey).not.toBe(c2.SecretAccessKey);
    expect(c1.SessionToken).not.toBe(c2.SessionToken);
    expect(first.AssumedRoleUser?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/runscript-audit/run-1");
    expect(first.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:run-1$/);
    expect(first.SourceIdentity).toBe("agent-42");
    expect(first.PackedPolicySize).toBeGreaterThan(0);

    const sessions = aws.sessions();
    const s1 = sessions.find((s) => s.accessKeyId === c1.AccessKeyId)!;
    const s2 = sessions.find((s) => s.accessKeyId === c2.AccessKeyId)!;
    expect(s1).toMatchObject({
      roleArn: ROLE_ARN,
      roleSessionName: "run-1",
      durationSeconds: 900,
      sourceIdentity: "agent-42",
      policy,
      tags: [
        { key: "run-id", value: "r-1" },
        { key: "caller", value: "tester" },
      ],
      transitiveTagKeys: ["run-id"],
      assumedBy: aws.baseCredentials.accessKeyId,
    });
    // Expiration is exactly issue time + DurationSeconds (default 3600).
    expect(c1.Expiration?.getTime()).toBe(s1.issuedAt.getTime() + 900_000);
    expect(s1.expiration.getTime()).toBe(c1.Expiration?.getTime());
    expect(s2.durationSeconds).toBe(3600);
    expect(s2.expiration.getTime() - s2.issuedAt.getTime()).toBe(3_600_000);
  });

  it("GetCallerIdentity reports the base user and the assumed-role session", async () => {
    const base = await stsClient(aws).send(new GetCallerIdentityCommand({}));
    expect(base).toMatchObject({
      Account: "123456789012",
      Arn: "arn:aws:iam::123456789012:user/runscript-local",
    });
    expect(base.UserId).toMatch(/^AIDA/);

    const creds = await assume(aws, "who-am-i");
    const assumed = await stsClient(aws, creds).send(new GetCallerIdentityCommand({}));
    expect(assumed.Arn).toBe("arn:aws:sts::123456789012:assumed-role/runscript-audit/who-am-i");
    expect(assumed.UserId).toMatch(/^AROA[A-Z0-9]+:who-am-i$/);
    expect(assumed.Account).toBe("123456789012");

    const other = await stsClient(aws).send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::210987654321:role/other-account",
        RoleSessionName: "x-acct",
      }),
    );
    const otherId = await stsClient(aws, {
      accessKeyId: other.Credentials!.AccessKeyId!,
      secretAccessKey: other.Credentials!.SecretAccessKey!,
      sessionToken: other.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(otherId.Account).toBe("210987654321");
  });

  it("denies roles outside assumableRoles and validates parameters", async () => {
    const denied = await rejectionOf(() =>
      stsClient(aws).send(
        new AssumeRoleCommand({ RoleArn: "arn:aws:iam::123456789012:role/admin", RoleSessionName: "nope" }),
      ),
    );
    expect(denied.name).toBe("AccessDenied");
    expect((denied.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);

    const badDuration = await rejectionOf(() =>
      stsClient(aws).send(
        new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "short", DurationSeconds: 60 }),
      ),
    );
    expect(badDuration.name).toBe("ValidationError");

    const badPolicy = await rejectionOf(() =>
      stsClient(aws).send(
        new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "pol", Policy: "{not json" }),
      ),
    );
    // The SDK maps the wire code MalformedPolicyDocument to its modelled exception class.
    expect(badPolicy.name).toBe("MalformedPolicyDocumentException");

    const chained = await assume(aws, "chain-1");
    const tooLong = await rejectionOf(() =>
      stsClient(aws, chained).send(
        new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "chain-2", DurationSeconds: 7200 }),
      ),
    );
    expect(tooLong.name).toBe("ValidationError");
  });

  it("records which credentials signed each call, proving S3 calls used the assumed role", async () => {
    aws.clearRequests();
    const creds = await assume(aws, "bridge-run");
    const s3 = s3Client(aws, creds);
    await s3.send(new CreateBucketCommand({ Bucket: "sts-proof" }));
    await s3.send(new PutObjectCommand({ Bucket: "sts-proof", Key: "a.txt", Body: "a" }));

    const log = aws.requests();
    expect(log.map((r) => [r.service, r.operation])).toEqual([
      ["sts", "AssumeRole"],
      ["s3", "CreateBucket"],
      ["s3", "PutObject"],
    ]);
    const [assumeCall, ...s3Calls] = log;
    expect(assumeCall).toMatchObject({
      credentialKind: "base",
      accessKeyId: aws.baseCredentials.accessKeyId,
    });
    for (const r of s3Calls) {
      expect(r).toMatchObject({
        credentialKind: "assumed",
        accessKeyId: creds.accessKeyId,
        roleArn: ROLE_ARN,
        roleSessionName: "bridge-run",
        region: "us-east-1",
        status: 200,
      });
      expect(r.accessKeyId).not.toBe(aws.baseCredentials.accessKeyId);
      expect(r.host).toBe(new URL(aws.endpoint).host);
      expect(Number.isNaN(Date.parse(r.time))).toBe(false);
    }
  });

  it("records source identity and session tags of assumed-role calls", async () => {
    const out = await stsClient(aws).send(
      new AssumeRoleCommand({
        RoleArn: ROLE_ARN,
        RoleSessionName: "tagged",
        SourceIdentity: "agent-7",
        Tags: [{ Key: "ticket", Value: "T-9" }],
      }),
    );
    const creds = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    aws.clearRequests();
    await stsClient(aws, creds).send(new GetCallerIdentityCommand({}));
    expect(aws.requests()).toEqual([
      expect.objectContaining({
        operation: "GetCallerIdentity",
        credentialKind: "assumed",
        sourceIdentity: "agent-7",
        sessionTags: [{ key: "ticket", value: "T-9" }],
      }),
    ]);
  });
});
