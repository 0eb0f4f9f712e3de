import { performance } from "node:perf_hooks";
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalAws, LocalAwsError, startLocalAws } from "../src/index.js";
import { cloudWatchClient, rejectionOf, s3Client, stsClient } from "./helpers.js";

describe("latency injection and throttling", () => {
  let aws: LocalAws | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  it("delays every response by at least latencyMs", async () => {
    aws = await startLocalAws({ latencyMs: 120 });
    const sts = stsClient(aws);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await sts.send(new GetCallerIdentityCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    }
    // Error responses are delayed too.
    const wrong = stsClient(aws, {
      accessKeyId: aws.baseCredentials.accessKeyId,
      secretAccessKey: "x".repeat(40),
    });
    const started = performance.now();
    await rejectionOf(() => wrong.send(new GetCallerIdentityCommand({})));
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it("throttles an S3 operation N times with SlowDown 503, then lets the SDK's retry succeed", async () => {
    aws = await startLocalAws();
    const s3 = s3Client(aws, aws.baseCredentials, 3);
    await s3.send(new CreateBucketCommand({ Bucket: "throttled" }));
    aws.clearRequests();
    aws.throttle("PutObject", 2);
    const out = await s3.send(new PutObjectCommand({ Bucket: "throttled", Key: "k", Body: "v" }));
    expect(out.$metadata.attempts).toBe(3);
    expect(aws.requests().map((r) => [r.operation, r.status, r.errorCode])).toEqual([
      ["PutObject", 503, "SlowDown"],
      ["PutObject", 503, "SlowDown"],
      ["PutObject", 200, undefined],
    ]);
  });

  it("throttles STS and CloudWatch with Throttling 400 and fails once retries are exhausted", async () => {
    aws = await startLocalAws();
    aws.throttle("GetCallerIdentity", 1);
    const single = stsClient(aws, aws.baseCredentials, 1);
    const err = await rejectionOf(() => single.send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe("Throttling");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    await single.send(new GetCallerIdentityCommand({}));

    aws.throttle("PutMetricData", 5);
    const cw = cloudWatchClient(aws, aws.baseCredentials, 2);
    const cwErr = await rejectionOf(() =>
      cw.send(new PutMetricDataCommand({ Namespace: "T", MetricData: [{ MetricName: "m", Value: 1 }] })),
    );
    expect(cwErr.name).toBe("Throttling");
    expect((cwErr.$metadata as { attempts: number }).attempts).toBe(2);
    expect(aws.metrics()).toEqual([]);
    aws.throttle("PutMetricData", 0);
    await cw.send(new PutMetricDataCommand({ Namespace: "T", MetricData: [{ MetricName: "m", Value: 1 }] }));
    expect(aws.metrics()).toHaveLength(1);
  });

  it("validates options and refuses use after close", async () => {
    await expect(startLocalAws({ latencyMs: -1 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await expect(startLocalAws({ accountId: "12" })).rejects.toBeInstanceOf(LocalAwsError);
    // A pino logger is accepted as is.
    aws = await startLocalAws({ s3: false, logger: pino({ level: "silent" }) });
    await expect(aws.seedBuckets(2)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    await aws.close();
    await aws.close();
    await expect(aws.seedBuckets(2)).rejects.toMatchObject({ code: "CLOSED" });
  });
});
