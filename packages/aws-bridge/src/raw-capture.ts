/**
 * Captures the raw HTTP response of an SDK call (status, headers, body bytes) so the bridge can
 * parse it with botocore's semantics. One capture per command: an SDK middleware at the innermost
 * deserialize position (`step: "deserialize"`, `priority: "low"`) sees each attempt's response
 * before the SDK's deserializer, reads the body (never past `maxBytes`: past it the stream is
 * destroyed and the call fails with `ResponseTooLarge`), and hands the SDK the same bytes again.
 * Attempts are counted for `RetryAttempts`.
 */
import { Readable } from "node:stream";
import { AwsBridgeError } from "./errors.js";
import type { RawResponse } from "./response-parser.js";

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

type Handler = (args: unknown) => Promise<{ response: unknown; output?: unknown }>;

interface MiddlewareStackLike {
  add(mw: (next: Handler) => Handler, options: { step: string; priority: string; name: string }): void;
}

function isReadable(body: unknown): body is AsyncIterable<unknown> & { destroy?: () => void } {
  return body !== null && typeof body === "object" && Symbol.asyncIterator in body;
}

async function readBody(body: unknown, maxBytes: number): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes);
    return Buffer.from(body);
  }
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (!isReadable(body)) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
      total += bytes.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(bytes);
    }
  } catch (err) {
    body.destroy?.();
    throw err;
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number): AwsBridgeError {
  return new AwsBridgeError(
    "ResponseTooLarge",
    `the AWS response body is over ${maxBytes} bytes, the most the run's response limit allows`,
  );
}

/** The raw response of one call (the last attempt's) and the number of attempts. */
export class ResponseCapture {
  last: RawResponse | null = null;
  attempts = 0;
  readonly #maxBytes: number;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Adds the capture middleware to one command's middleware stack. */
  attach(command: object): void {
    const stack = (command as { middlewareStack?: MiddlewareStackLike }).middlewareStack;
    if (!stack) throw new AwsBridgeError("InternalError", "the SDK command has no middleware stack");
    stack.add(
      (next: Handler): Handler =>
        async (args) => {
          const result = await next(args);
          this.attempts++;
          const response = result.response as HttpResponseLike;
          const declared = Number(headerValue(response.headers, "content-length"));
          if (Number.isFinite(declared) && declared > this.#maxBytes) {
            (response.body as { destroy?: () => void } | undefined)?.destroy?.();
            throw tooLarge(this.#maxBytes);
          }
          const body = await readBody(response.body, this.#maxBytes);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(response.headers ?? {})) {
            if (v === undefined) continue;
            Object.defineProperty(headers, k.toLowerCase(), {
              value: Array.isArray(v) ? v.join(", ") : String(v),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          }
          this.last = { status: response.statusCode, headers, body };
          response.body = Readable.from([body]);
          return result;
        },
      { step: "deserialize", priority: "low", name: "runscriptRawResponseCapture" },
    );
  }
}

function headerValue(headers: HttpResponseLike["headers"], name: string): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}
