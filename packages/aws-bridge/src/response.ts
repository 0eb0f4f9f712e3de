/**
 * SDK output → the JSON value a script receives: `$metadata` dropped (its request id kept for the
 * audit trail), `Date` → `{"$date"}`, bytes → `{"$bytes"}`, streaming bodies (S3 `GetObject`'s
 * `Body`) read fully into bytes, but never past the response cap.
 */
import { AwsBridgeError } from "./errors.js";

/** An encoded response and the AWS request id that produced it. */
export interface EncodedOutput {
  value: unknown;
  requestId: string | null;
}

const MAX_OUTPUT_DEPTH = 128;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    isRecord(value) &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
  );
}

function destroy(stream: unknown): void {
  if (isRecord(stream) && typeof stream.destroy === "function") {
    (stream.destroy as () => void).call(stream);
  }
}

/** Reads a byte stream fully, failing with `ResponseTooLarge` as soon as it passes `cap` bytes. */
async function readStream(stream: AsyncIterable<unknown>, cap: number, key: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes =
        typeof chunk === "string" ? Buffer.from(chunk) : chunk instanceof Uint8Array ? chunk : undefined;
      if (!bytes) {
        throw new AwsBridgeError(
          "UnsupportedOperation",
          `the response member ${key} is an event stream, which the bridge does not carry`,
        );
      }
      total += bytes.byteLength;
      if (total > cap) {
        throw new AwsBridgeError(
          "ResponseTooLarge",
          `the response member ${key} is over ${cap} bytes, the most that fits in the response limit`,
        );
      }
      chunks.push(bytes);
    }
  } finally {
    destroy(stream);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function encode(value: unknown, depth: number): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : { $date: value.toISOString() };
  }
  if (value instanceof Uint8Array)
    return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (value instanceof ArrayBuffer) return { $bytes: Buffer.from(value).toString("base64") };
  if (depth >= MAX_OUTPUT_DEPTH) {
    throw new AwsBridgeError("InternalError", "the AWS response is nested too deeply to encode");
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, depth + 1) ?? null);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) {
      const item = encode(v, depth + 1);
      if (item !== undefined)
        Object.defineProperty(out, String(k), {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out;
  }
  if (value instanceof Set) return [...value].map((v) => encode(v, depth + 1) ?? null);
  if (isAsyncIterable(value)) {
    throw new AwsBridgeError("UnsupportedOperation", "the response holds a stream the bridge does not carry");
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) {
    const item = encode((value as Record<string, unknown>)[key], depth + 1);
    // defineProperty: a key such as "__proto__" coming back from AWS stays a plain data property.
    if (item !== undefined)
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Encodes an SDK command's output. Streaming members are read first, each capped at
 * `maxBodyBytes`; the caller checks the final JSON against the response limit.
 */
export async function encodeOutput(output: unknown, maxBodyBytes: number): Promise<EncodedOutput> {
  if (!isRecord(output)) return { value: encode(output, 0) ?? null, requestId: null };
  const metadata = output.$metadata;
  const requestId = isRecord(metadata) && typeof metadata.requestId === "string" ? metadata.requestId : null;
  const top: Record<string, unknown> = {};
  const streams = Object.keys(output).filter((k) => k !== "$metadata" && isAsyncIterable(output[k]));
  try {
    const declared = output.ContentLength;
    if (streams.length > 0 && typeof declared === "number" && declared > maxBodyBytes) {
      throw new AwsBridgeError(
        "ResponseTooLarge",
        `the response body is ${declared} bytes, over ${maxBodyBytes}, the most that fits in the response limit`,
      );
    }
    for (const key of streams) {
      top[key] = await readStream(output[key] as AsyncIterable<unknown>, maxBodyBytes, key);
    }
  } finally {
    for (const key of streams) if (!(key in top)) destroy(output[key]);
  }
  for (const key of Object.keys(output)) {
    if (key === "$metadata" || key in top) continue;
    Object.defineProperty(top, key, {
      value: output[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { value: encode(top, 0), requestId };
}
