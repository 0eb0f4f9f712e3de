/** Reading request bodies with an explicit size limit. */
import type { IncomingMessage } from "node:http";
import { AwsServiceError } from "./errors.js";

/**
 * Largest request body aws-local buffers (STS/CloudWatch bodies, and S3 bodies whose
 * `x-amz-content-sha256` is a hash that must be checked before the body is accepted).
 * Unsigned S3 payloads are streamed and not bound by this.
 */
export const MAX_BUFFERED_BODY_BYTES = 64 * 1024 * 1024;

/** Reads the whole body; rejects with `RequestEntityTooLarge` (413) beyond `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BUFFERED_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk instanceof Buffer ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      throw new AwsServiceError(413, "RequestEntityTooLarge", `Request body exceeds ${maxBytes} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
