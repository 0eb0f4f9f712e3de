/**
 * Decoder for S3's `Content-Encoding: aws-chunked` bodies with unsigned chunks
 * (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`), which the SDK sends for streaming
 * uploads with flexible checksums. s3rver does not understand the framing, so the S3 front decodes
 * it before proxying. A trailing `x-amz-checksum-crc32` is verified against the decoded bytes; the
 * last decoded piece is held back until then, so a receiver that knows the decoded length never
 * sees a complete body whose checksum failed.
 *
 * Framing: `<hex size>[;ext]\r\n<data>\r\n` ... `0[;ext]\r\n` then trailer lines `name:value\r\n`
 * and a final `\r\n`.
 */
import { Transform, type TransformCallback } from "node:stream";
import { crc32 } from "node:zlib";

/** Longest chunk-size or trailer line accepted. */
const MAX_LINE_BYTES = 4096;

type State = "size" | "data" | "dataEnd" | "trailer" | "done";

/** Thrown (as a stream error) when the framing is broken or the trailing checksum mismatches. */
export class AwsChunkedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AwsChunkedError";
  }
}

/** Transform stream: aws-chunked bytes in, payload bytes out. */
export class AwsChunkedDecoder extends Transform {
  #state: State = "size";
  #pending: Buffer = Buffer.alloc(0);
  #remaining = 0;
  #crc = 0;
  #decodedBytes = 0;
  /** The latest decoded piece, held back until more data or a verified end arrives. */
  #held: Buffer | undefined;
  /** Trailer headers seen after the last chunk, lower-cased names. */
  readonly trailers = new Map<string, string>();

  /** Number of payload bytes produced so far. */
  get decodedBytes(): number {
    return this.#decodedBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    try {
      this.#drain();
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.#state !== "done") {
      callback(new AwsChunkedError("aws-chunked body ended before its final chunk"));
      return;
    }
    const expected = this.trailers.get("x-amz-checksum-crc32");
    if (expected !== undefined) {
      const actual = Buffer.alloc(4);
      actual.writeUInt32BE(this.#crc >>> 0);
      if (actual.toString("base64") !== expected) {
        callback(new AwsChunkedError("x-amz-checksum-crc32 does not match the payload"));
        return;
      }
    }
    if (this.#held !== undefined) this.push(this.#held);
    this.#held = undefined;
    callback();
  }

  #line(): string | undefined {
    const end = this.#pending.indexOf("\r\n");
    if (end < 0) {
      if (this.#pending.length > MAX_LINE_BYTES) throw new AwsChunkedError("aws-chunked line too long");
      return undefined;
    }
    const line = this.#pending.subarray(0, end).toString("latin1");
    this.#pending = this.#pending.subarray(end + 2);
    return line;
  }

  #drain(): void {
    for (;;) {
      switch (this.#state) {
        case "size": {
          const line = this.#line();
          if (line === undefined) return;
          const hex = line.split(";")[0]!.trim();
          if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) throw new AwsChunkedError("bad aws-chunked size line");
          this.#remaining = Number.parseInt(hex, 16);
          this.#state = this.#remaining === 0 ? "trailer" : "data";
          break;
        }
        case "data": {
          if (this.#pending.length === 0) return;
          const take = Math.min(this.#remaining, this.#pending.length);
          const out = this.#pending.subarray(0, take);
          this.#pending = this.#pending.subarray(take);
          this.#remaining -= take;
          this.#crc = crc32(out, this.#crc);
          this.#decodedBytes += out.length;
          if (this.#held !== undefined) this.push(this.#held);
          this.#held = Buffer.from(out);
          if (this.#remaining === 0) this.#state = "dataEnd";
          break;
        }
        case "dataEnd": {
          if (this.#pending.length < 2) return;
          if (this.#pending[0] !== 0x0d || this.#pending[1] !== 0x0a) {
            throw new AwsChunkedError("aws-chunked data not followed by CRLF");
          }
          this.#pending = this.#pending.subarray(2);
          this.#state = "size";
          break;
        }
        case "trailer": {
          const line = this.#line();
          if (line === undefined) return;
          if (line === "") {
            this.#state = "done";
            break;
          }
          const colon = line.indexOf(":");
          if (colon < 0) throw new AwsChunkedError("bad aws-chunked trailer line");
          this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
          break;
        }
        case "done":
          if (this.#pending.length > 0)
            throw new AwsChunkedError("data after the end of an aws-chunked body");
          return;
      }
    }
  }
}
