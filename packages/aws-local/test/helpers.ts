import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { LocalAws } from "../src/index.js";

export const REGION = "us-east-1";
export const ROLE_ARN = "arn:aws:iam::123456789012:role/runscript-audit";

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function stsClient(
  aws: LocalAws,
  credentials: Creds = aws.baseCredentials,
  maxAttempts = 1,
): STSClient {
  return new STSClient({ endpoint: aws.endpoints.sts, region: REGION, credentials, maxAttempts });
}

export function s3Client(aws: LocalAws, credentials: Creds, maxAttempts = 1): S3Client {
  return new S3Client({
    endpoint: aws.endpoints.s3,
    region: REGION,
    credentials,
    forcePathStyle: true,
    maxAttempts,
  });
}

export function cloudWatchClient(aws: LocalAws, credentials: Creds, maxAttempts = 1): CloudWatchClient {
  return new CloudWatchClient({
    endpoint: aws.endpoints.cloudwatch,
    region: REGION,
    credentials,
    maxAttempts,
  });
}

/** Assumes ROLE_ARN with the base credentials and returns the temporary credentials. */
export async function assume(aws: LocalAws, sessionName = "test-session"): Promise<Required<Creds>> {
  const out = await stsClient(aws).send(
    new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: sessionName }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
    throw new Error("AssumeRole returned no credentials");
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** Runs `fn` and returns the error it rejects with (fails the test if it resolves). */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
