/**
 * A complete local AWS flow with no AWS account: aws-local (STS, CloudWatch, S3 with SigV4
 * verification) seeded with sample buckets, and an AWS bridge pointed at it whose principal assumes a
 * role there. Used by `runscript demo`, the benchmarks and the integration tests.
 */
import { AwsBridge, type PrincipalConfigInput } from "@runscript/aws-bridge";
import { type BucketTruth, type LocalAws, startLocalAws } from "@runscript/aws-local";
import { type Logger, pino } from "pino";

export interface LocalStack extends AsyncDisposable {
  aws: LocalAws;
  bridge: AwsBridge;
  principal: PrincipalConfigInput;
  truth: BucketTruth[];
  close(): Promise<void>;
}

export interface LocalStackOptions {
  buckets?: number;
  latencyMs?: number;
  logger?: Logger;
  /** Principal name (default `demo-agent`); it assumes `arn:aws:iam::<account>:role/runscript-<name>`. */
  agent?: string;
  readOnly?: boolean;
}

/** Starts aws-local, seeds buckets and builds a bridge for it. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const aws = await startLocalAws({ latencyMs: options.latencyMs ?? 0 });
  try {
    const truth = options.buckets ? await aws.seedBuckets(options.buckets) : [];
    const agent = options.agent ?? "demo-agent";
    const principal: PrincipalConfigInput = {
      name: agent,
      roleArn: `arn:aws:iam::${aws.accountId}:role/runscript-${agent}`,
      readOnly: options.readOnly ?? true,
    };
    const endpoints = Object.fromEntries(["s3", "sts", "cloudwatch"].map((s) => [s, aws.endpoint]));
    const bridge = new AwsBridge({
      config: { endpoints, forcePathStyle: true, defaultRegion: "us-east-1" },
      logger: options.logger ?? pino({ level: "silent" }),
      baseCredentials: async () => ({ ...aws.baseCredentials }),
    });
    const close = async () => {
      await bridge.close();
      await aws.close();
    };
    return { aws, bridge, principal, truth, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await aws.close();
    throw error;
  }
}
