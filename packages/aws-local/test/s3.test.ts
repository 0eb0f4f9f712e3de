import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, type LocalAws, startLocalAws } from "../src/index.js";
import { assume, rejectionOf, s3Client } from "./helpers.js";

describe("S3 front over s3rver", () => {
  let aws: LocalAws;
  let s3: S3Client;
  beforeAll(async () => {
    aws = await startLocalAws();
    s3 = s3Client(aws, await assume(aws, "s3-tests"));
    await s3.send(new CreateBucketCommand({ Bucket: "data-bucket" }));
  });
  afterAll(async () => {
    await aws.close();
  });

  it("round-trips binary bytes exactly (every byte value, and 3 MiB of random data, which the SDK sends with Expect: 100-continue)", async () => {
    const allBytes = new Uint8Array(256).map((_v, i) => i);
    await s3.send(new PutObjectCommand({ Bucket: "data-bucket", Key: "bin/all-bytes", Body: allBytes }));
    const got = await s3.send(new GetObjectCommand({ Bucket: "data-bucket", Key: "bin/all-bytes" }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(allBytes))).toBe(true);

    const big = randomBytes(3 * 1024 * 1024);
    await s3.send(new PutObjectCommand({ Bucket: "data-bucket", Key: "bin/random.bin", Body: big }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: "data-bucket", Key: "bin/random.bin" }));
    expect(head.ContentLength).toBe(big.length);
    const gotBig = await s3.send(new GetObjectCommand({ Bucket: "data-bucket", Key: "bin/random.bin" }));
    expect(Buffer.from(await gotBig.Body!.transformToByteArray()).equals(big)).toBe(true);
  });

  it("accepts streaming uploads (aws-chunked with a CRC32 trailer) and stores the decoded bytes", async () => {
    const parts = [randomBytes(70_000), randomBytes(1), randomBytes(5000)];
    const total = parts.reduce((n, p) => n + p.length, 0);
    await s3.send(
      new PutObjectCommand({
        Bucket: "data-bucket",
        Key: "stream/obj",
        Body: Readable.from(parts),
        ContentLength: total,
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: "data-bucket", Key: "stream/obj" }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
  });

  it("paginates ListObjectsV2 with continuation tokens, visiting every key once in order", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "paged-bucket" }));
    const keys = Array.from({ length: 7 }, (_v, i) => `logs/${String(i).padStart(2, "0")}.txt`);
    for (const key of keys)
      await s3.send(new PutObjectCommand({ Bucket: "paged-bucket", Key: key, Body: key }));
    await s3.send(new PutObjectCommand({ Bucket: "paged-bucket", Key: "other/x", Body: "x" }));

    const seen: string[] = [];
    const pages: number[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: "paged-bucket",
          Prefix: "logs/",
          MaxKeys: 3,
          ContinuationToken: token,
        }),
      );
      pages.push(page.KeyCount ?? -1);
      for (const o of page.Contents ?? []) seen.push(o.Key!);
      expect(page.IsTruncated).toBe(page.NextContinuationToken !== undefined);
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(seen).toEqual(keys);
    expect(pages).toEqual([3, 3, 1]);

    const badToken = await rejectionOf(() =>
      s3.send(new ListObjectsV2Command({ Bucket: "paged-bucket", ContinuationToken: "bm90LW91cnM" })),
    );
    expect(badToken.name).toBe("InvalidArgument");
  });

  it("lists buckets, deletes objects, and relays s3rver errors with a RequestId", async () => {
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toContain("data-bucket");

    await s3.send(new PutObjectCommand({ Bucket: "data-bucket", Key: "tmp/delete-me", Body: "x" }));
    await s3.send(new DeleteObjectCommand({ Bucket: "data-bucket", Key: "tmp/delete-me" }));
    const gone = await rejectionOf(() =>
      s3.send(new GetObjectCommand({ Bucket: "data-bucket", Key: "tmp/delete-me" })),
    );
    expect(gone.name).toBe("NoSuchKey");
    const meta = gone.$metadata as { httpStatusCode: number; requestId: string };
    expect(meta.httpStatusCode).toBe(404);
    expect(meta.requestId).toMatch(/^[0-9A-F]{16}$/);
    expect(gone.RequestId).toBe(meta.requestId);
    expect(aws.requests().at(-1)).toMatchObject({
      operation: "GetObject",
      status: 404,
      errorCode: "NoSuchKey",
    });
  });

  it("answers the bucket-security subresources for seeded buckets as the truth says", async () => {
    const truth = await aws.seedBuckets(12, 2024);
    expect(new Set(truth.map((t) => t.kind))).toEqual(
      new Set(["blocked", "public-acl", "public-policy", "no-pab"]),
    );
    for (const t of truth) {
      const pab = await s3
        .send(new GetPublicAccessBlockCommand({ Bucket: t.bucket }))
        .then((r) => r.PublicAccessBlockConfiguration)
        .catch((e: Error) => e.name);
      if (t.security.publicAccessBlock === null) expect(pab).toBe("NoSuchPublicAccessBlockConfiguration");
      else expect(pab).toEqual(t.security.publicAccessBlock);

      const status = await s3
        .send(new GetBucketPolicyStatusCommand({ Bucket: t.bucket }))
        .then((r) => r.PolicyStatus?.IsPublic)
        .catch((e: Error) => e.name);
      expect(status).toBe(
        t.security.policy === "none" ? "NoSuchBucketPolicy" : t.security.policy === "public",
      );

      const acl = await s3.send(new GetBucketAclCommand({ Bucket: t.bucket }));
      const groupGrants = (acl.Grants ?? [])
        .filter((g) => g.Grantee?.Type === "Group")
        .map((g) => `${g.Grantee?.URI} ${g.Permission}`);
      const expected: Record<string, string[]> = {
        private: [],
        "public-read": [`${ALL_USERS_URI} READ`],
        "public-read-write": [`${ALL_USERS_URI} READ`, `${ALL_USERS_URI} WRITE`],
        "authenticated-read": [`${AUTHENTICATED_USERS_URI} READ`],
      };
      expect(groupGrants).toEqual(expected[t.security.acl]);
      expect(acl.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);

      const publicByAnswers =
        (groupGrants.length > 0 && !(t.security.publicAccessBlock?.IgnorePublicAcls ?? false)) ||
        (status === true && !(t.security.publicAccessBlock?.RestrictPublicBuckets ?? false));
      expect(publicByAnswers).toBe(t.isPublic);
      expect(t.isPublic).toBe(t.kind === "public-acl" || t.kind === "public-policy");
    }
  });

  it("serves GetBucketPolicy, setBucketSecurity updates, and NoSuchBucket for missing buckets", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "custom-bucket" }));
    const none = await rejectionOf(() =>
      s3.send(new GetPublicAccessBlockCommand({ Bucket: "custom-bucket" })),
    );
    expect(none.name).toBe("NoSuchPublicAccessBlockConfiguration");
    expect((none.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);

    aws.setBucketSecurity("custom-bucket", { policy: "public", acl: "public-read" });
    const policy = await s3.send(new GetBucketPolicyCommand({ Bucket: "custom-bucket" }));
    expect(JSON.parse(policy.Policy!)).toMatchObject({ Statement: [{ Principal: "*", Effect: "Allow" }] });
    const status = await s3.send(new GetBucketPolicyStatusCommand({ Bucket: "custom-bucket" }));
    expect(status.PolicyStatus?.IsPublic).toBe(true);

    const missing = await rejectionOf(() =>
      s3.send(new GetBucketAclCommand({ Bucket: "no-such-bucket-here" })),
    );
    expect(missing.name).toBe("NoSuchBucket");
  });

  it("seeding is deterministic for a seed and different across seeds", async () => {
    const a = await aws.seedBuckets(8, 99);
    const b = await aws.seedBuckets(8, 99);
    const c = await aws.seedBuckets(8, 100);
    expect(b).toEqual(a);
    expect(c.map((t) => t.kind)).not.toEqual(a.map((t) => t.kind));
  });
});
