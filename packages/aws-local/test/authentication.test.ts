import { CloudWatchClient, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalAws, startLocalAws } from "../src/index.js";
import { assume, cloudWatchClient, REGION, rejectionOf, s3Client, stsClient } from "./helpers.js";
import { rawRequest, smithyPresign, smithySign } from "./raw-request.js";

const WRONG_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("SigV4 verification", () => {
  let aws: LocalAws;
  beforeAll(async () => {
    aws = await startLocalAws();
    await s3Client(aws, aws.baseCredentials).send(new CreateBucketCommand({ Bucket: "auth-bucket" }));
  });
  afterAll(async () => {
    await aws.close();
  });

  it("accepts the base credentials and rejects the same key signed with a wrong secret", async () => {
    const ok = await stsClient(aws).send(new GetCallerIdentityCommand({}));
    expect(ok.Arn).toBe(`arn:aws:iam::${aws.accountId}:user/runscript-local`);

    const wrong = { accessKeyId: aws.baseCredentials.accessKeyId, secretAccessKey: WRONG_SECRET };
    const stsErr = await rejectionOf(() => stsClient(aws, wrong).send(new GetCallerIdentityCommand({})));
    expect(stsErr.name).toBe("SignatureDoesNotMatch");
    expect((stsErr.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);

    const s3Err = await rejectionOf(() => s3Client(aws, wrong).send(new ListBucketsCommand({})));
    expect(s3Err.name).toBe("SignatureDoesNotMatch");
    expect((s3Err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);

    const cwErr = await rejectionOf(() => cloudWatchClient(aws, wrong).send(new ListMetricsCommand({})));
    expect(cwErr.name).toBe("SignatureDoesNotMatch");
  });

  it("rejects an unknown access key id", async () => {
    const unknown = { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: WRONG_SECRET };
    const stsErr = await rejectionOf(() => stsClient(aws, unknown).send(new GetCallerIdentityCommand({})));
    expect(stsErr.name).toBe("InvalidClientTokenId");
    expect((stsErr.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403);
    const s3Err = await rejectionOf(() => s3Client(aws, unknown).send(new ListBucketsCommand({})));
    expect(s3Err.name).toBe("InvalidAccessKeyId");
    const last = aws.requests().at(-1);
    expect(last).toMatchObject({
      credentialKind: "unknown",
      accessKeyId: "AKIAUNKNOWNUNKNOWN00",
      status: 403,
    });
  });

  it("requires session credentials to carry their own X-Amz-Security-Token", async () => {
    const a = await assume(aws, "token-a");
    const b = await assume(aws, "token-b");
    const { sessionToken: _omit, ...noToken } = a;
    const missing = await rejectionOf(() => stsClient(aws, noToken).send(new GetCallerIdentityCommand({})));
    expect(missing.name).toBe("InvalidClientTokenId");

    const swapped = { ...a, sessionToken: b.sessionToken };
    const wrongToken = await rejectionOf(() =>
      stsClient(aws, swapped).send(new GetCallerIdentityCommand({})),
    );
    expect(wrongToken.name).toBe("InvalidClientTokenId");
    const s3Err = await rejectionOf(() => s3Client(aws, swapped).send(new ListBucketsCommand({})));
    expect(s3Err.name).toBe("InvalidToken");

    const ok = await stsClient(aws, a).send(new GetCallerIdentityCommand({}));
    expect(ok.Arn).toBe("arn:aws:sts::123456789012:assumed-role/runscript-audit/token-a");
  });

  it("answers ExpiredToken once session credentials have expired", async () => {
    const creds = await assume(aws, "expiring");
    await stsClient(aws, creds).send(new GetCallerIdentityCommand({}));
    expect(aws.expireCredentials(creds.accessKeyId)).toBe(1);
    const err = await rejectionOf(() => stsClient(aws, creds).send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe("ExpiredToken");
    const s3Err = await rejectionOf(() => s3Client(aws, creds).send(new ListBucketsCommand({})));
    expect(s3Err.name).toBe("ExpiredToken");
  });

  it("verifies requests signed by an independent signer (@smithy/signature-v4), including odd keys", async () => {
    const key = "dir one/ü+&=%file (1).txt";
    const path = `/auth-bucket/${key
      .split("/")
      .map((s) =>
        encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
      )
      .join("/")}`;
    const body = "hello from a raw signer";
    const put = await smithySign({
      endpoint: aws.endpoint,
      service: "s3",
      credentials: aws.baseCredentials,
      method: "PUT",
      path,
      headers: { "content-type": "text/plain" },
      body,
    });
    const putRes = await rawRequest(aws.endpoint, "PUT", put.pathAndQuery, put.headers, put.body);
    expect(putRes.status).toBe(200);

    const list = await smithySign({
      endpoint: aws.endpoint,
      service: "s3",
      credentials: aws.baseCredentials,
      method: "GET",
      path: "/auth-bucket",
      query: { "list-type": "2", prefix: "dir one/ü+", "max-keys": "5" },
    });
    const listRes = await rawRequest(aws.endpoint, "GET", list.pathAndQuery, list.headers);
    expect(listRes.status).toBe(200);
    expect(listRes.body).toContain("<KeyCount>1</KeyCount>");

    // Change a signed header after signing: the signature no longer matches.
    const tampered = { ...put.headers, "content-type": "application/evil" };
    const tamperedRes = await rawRequest(aws.endpoint, "PUT", put.pathAndQuery, tampered, put.body);
    expect(tamperedRes.status).toBe(403);
    expect(tamperedRes.body).toContain("<Code>SignatureDoesNotMatch</Code>");

    // Keep the signed x-amz-content-sha256 but send another body: S3's payload check catches it.
    const swappedBody = await rawRequest(
      aws.endpoint,
      "PUT",
      put.pathAndQuery,
      put.headers,
      "another body!!!!!!!!!!!",
    );
    expect(swappedBody.status).toBe(400);
    expect(swappedBody.body).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
  });

  it("rejects a request signed too far from the server clock", async () => {
    const signed = await smithySign({
      endpoint: aws.endpoint,
      service: "s3",
      credentials: aws.baseCredentials,
      method: "GET",
      path: "/",
      signingDate: new Date(Date.now() - 60 * 60 * 1000),
    });
    const res = await rawRequest(aws.endpoint, "GET", signed.pathAndQuery, signed.headers);
    expect(res.status).toBe(403);
    expect(res.body).toContain("<Code>RequestTimeTooSkewed</Code>");
  });

  it("rejects anonymous and presigned (query-string) requests", async () => {
    const anon = await rawRequest(aws.endpoint, "GET", "/auth-bucket", {
      "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
    });
    expect(anon.status).toBe(403);
    expect(anon.body).toContain("<Code>AccessDenied</Code>");
    expect(anon.body).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
    expect(anon.headers["x-amz-request-id"]).toMatch(/^[0-9A-F]{16}$/);

    const anonSts = await rawRequest(
      aws.endpoint,
      "POST",
      "/",
      { "content-type": "application/x-www-form-urlencoded" },
      "Action=GetCallerIdentity&Version=2011-06-15",
    );
    expect(anonSts.status).toBe(403);
    expect(anonSts.body).toContain("<ErrorResponse");
    expect(anonSts.body).toContain("<Type>Sender</Type><Code>MissingAuthenticationToken</Code>");
    expect(anonSts.headers["x-amzn-requestid"]).toBeTypeOf("string");

    const presigned = await smithyPresign({
      endpoint: aws.endpoint,
      service: "s3",
      credentials: aws.baseCredentials,
      method: "GET",
      path: "/auth-bucket",
    });
    const pre = await rawRequest(aws.endpoint, "GET", presigned, {});
    expect(pre.status).toBe(403);
    expect(pre.body).toContain("<Code>AccessDenied</Code>");
  });

  it("answers clean unknown-operation errors for services it does not serve", async () => {
    const ddb = new DynamoDBClient({
      endpoint: aws.endpoint,
      region: REGION,
      credentials: aws.baseCredentials,
      maxAttempts: 1,
    });
    const ddbErr = await rejectionOf(() => ddb.send(new ListTablesCommand({})));
    expect(ddbErr.name).toBe("UnknownOperationException");

    const iam = new IAMClient({
      endpoint: aws.endpoint,
      region: REGION,
      credentials: aws.baseCredentials,
      maxAttempts: 1,
    });
    const iamErr = await rejectionOf(() => iam.send(new ListRolesCommand({})));
    expect(iamErr.name).toBe("InvalidAction");

    const recorded = aws
      .requests()
      .filter((r) => r.signingService === "dynamodb" || r.signingService === "iam");
    expect(recorded.map((r) => [r.service, r.operation, r.credentialKind, r.status])).toEqual([
      ["dynamodb", "ListTables", "base", 400],
      ["iam", "ListRoles", "base", 400],
    ]);
  });

  it("rejects a CloudWatch client signed for the wrong key even with valid JSON", async () => {
    const cw = new CloudWatchClient({
      endpoint: aws.endpoint,
      region: REGION,
      credentials: { accessKeyId: aws.baseCredentials.accessKeyId, secretAccessKey: WRONG_SECRET },
      maxAttempts: 1,
    });
    const err = await rejectionOf(() => cw.send(new ListMetricsCommand({ Namespace: "X" })));
    expect(err.name).toBe("SignatureDoesNotMatch");
    expect(aws.metrics()).toEqual([]);
  });
});
