import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { crc32 } from "node:zlib";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { AwsChunkedDecoder } from "../src/aws-chunked.js";
import { startLocalAws } from "../src/index.js";
import { rejectionOf, s3Client } from "./helpers.js";
import { rawRequest, smithySign } from "./raw-request.js";

function crcBase64(data: Buffer): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out.toString("base64");
}

function frame(parts: Buffer[], trailer: string): Buffer {
  const pieces: Buffer[] = [];
  for (const p of parts) pieces.push(Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from("\r\n"));
  pieces.push(Buffer.from(`0\r\n${trailer}\r\n\r\n`));
  return Buffer.concat(pieces);
}

async function decode(input: Buffer, splitEvery: number): Promise<Buffer> {
  const slices: Buffer[] = [];
  for (let i = 0; i < input.length; i += splitEvery) slices.push(input.subarray(i, i + splitEvery));
  return buffer(Readable.from(slices).pipe(new AwsChunkedDecoder()));
}

describe("aws-chunked decoding", () => {
  const payload = [Buffer.from("hello "), Buffer.from("chunked "), Buffer.from([0, 255, 13, 10, 48])];
  const whole = Buffer.concat(payload);

  it("decodes framed chunks regardless of how the bytes arrive, verifying the CRC32 trailer", async () => {
    const framed = frame(payload, `x-amz-checksum-crc32:${crcBase64(whole)}`);
    for (const split of [1, 3, 7, framed.length]) {
      expect((await decode(framed, split)).equals(whole)).toBe(true);
    }
  });

  it("fails on a wrong checksum, broken framing or a truncated body", async () => {
    await expect(decode(frame(payload, "x-amz-checksum-crc32:AAAAAA=="), 5)).rejects.toThrow(/checksum/);
    await expect(decode(Buffer.from("zz\r\nabc\r\n0\r\n\r\n"), 4)).rejects.toThrow(/size/);
    await expect(decode(Buffer.from("3\r\nabcXX0\r\n\r\n"), 4)).rejects.toThrow(/CRLF/);
    await expect(decode(Buffer.from("3\r\nabc\r\n"), 4)).rejects.toThrow(/ended/);
  });

  it("over the wire: a streaming upload whose CRC32 trailer is wrong is refused and not stored", async () => {
    await using aws = await startLocalAws();
    const s3 = s3Client(aws, aws.baseCredentials);
    const mk = await rawRequest(aws.endpoint, "PUT", "/chunk-bucket", {
      ...(
        await smithySign({
          endpoint: aws.endpoint,
          service: "s3",
          credentials: aws.baseCredentials,
          method: "PUT",
          path: "/chunk-bucket",
        })
      ).headers,
    });
    expect(mk.status).toBe(200);

    const send = async (key: string, trailer: string) => {
      const body = frame(payload, trailer);
      const signed = await smithySign({
        endpoint: aws.endpoint,
        service: "s3",
        credentials: aws.baseCredentials,
        method: "PUT",
        path: `/chunk-bucket/${key}`,
        headers: {
          "content-encoding": "aws-chunked",
          "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
          "x-amz-decoded-content-length": String(whole.length),
          "x-amz-trailer": "x-amz-checksum-crc32",
          "content-length": String(body.length),
        },
      });
      return rawRequest(aws.endpoint, "PUT", signed.pathAndQuery, signed.headers, body);
    };

    const good = await send("good", `x-amz-checksum-crc32:${crcBase64(whole)}`);
    expect(good.status).toBe(200);
    const got = await s3.send(new GetObjectCommand({ Bucket: "chunk-bucket", Key: "good" }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(whole)).toBe(true);

    const bad = await send("bad", "x-amz-checksum-crc32:AAAAAA==");
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("<Code>BadDigest</Code>");
    const missing = await rejectionOf(() =>
      s3.send(new GetObjectCommand({ Bucket: "chunk-bucket", Key: "bad" })),
    );
    expect(missing.name).toBe("NoSuchKey");
  });
});
