/**
 * The S3 front: path-style S3 on the shared endpoint. It verifies SigV4 (with S3's
 * `x-amz-content-sha256` rules), records the request, answers the bucket-security subresources
 * itself from {@link BucketSecurityStore}, and proxies everything else to s3rver. Response bodies
 * and `UNSIGNED-PAYLOAD` uploads stream through; bodies that must be verified before s3rver may
 * store them (a hex `x-amz-content-sha256`, or aws-chunked with a checksum trailer) are read and
 * checked first, up to {@link MAX_BUFFERED_BODY_BYTES}.
 */
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from "node:http";
import { pipeline } from "node:stream";
import { verifyRequest } from "./authenticate.js";
import { AwsChunkedDecoder, AwsChunkedError } from "./aws-chunked.js";
import { MAX_BUFFERED_BODY_BYTES, readBody } from "./body.js";
import {
  type BucketSecurityStore,
  bucketAclXml,
  bucketPolicyJson,
  policyStatusXml,
  publicAccessBlockXml,
} from "./bucket-security.js";
import type { CredentialStore } from "./credential-store.js";
import { AwsServiceError } from "./errors.js";
import type { Exchange } from "./exchange.js";
import { listObjectsV2 } from "./list-objects-v2.js";
import type { LocalAwsLogger } from "./logger.js";
import type { S3Backend } from "./s3-backend.js";
import { bucketSubresource, parseS3Path, s3OperationName } from "./s3-operation.js";
import type { ParsedAuthorization } from "./sigv4.js";
import { sha256Hex } from "./sigv4.js";
import type { ThrottleSwitch } from "./throttle-switch.js";

/** Largest s3rver error body the front buffers (to add a RequestId and record the code). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** `x-amz-content-sha256` values for unsigned payloads that the front streams through. */
const UNSIGNED_PAYLOADS: ReadonlySet<string> = new Set([
  "UNSIGNED-PAYLOAD",
  "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
]);

/** Request headers never forwarded to s3rver (credentials, hop-by-hop, and those the front recomputes). */
const DROPPED_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "x-amz-security-token",
  "host",
  "connection",
  "keep-alive",
  "expect",
  "transfer-encoding",
  "content-length",
  "proxy-authorization",
  "upgrade",
]);

/** s3rver response headers not passed back (hop-by-hop, and ids the front sets itself). */
const DROPPED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "date",
  "x-amz-request-id",
  "x-amz-id-2",
]);

/** Subresources the front answers from the security store instead of s3rver. */
const SECURITY_SUBRESOURCES: ReadonlySet<string> = new Set([
  "publicAccessBlock",
  "policyStatus",
  "policy",
  "acl",
]);

/** What the S3 front needs. */
export interface S3FrontContext {
  backend: S3Backend | undefined;
  security: BucketSecurityStore;
  store: CredentialStore;
  throttles: ThrottleSwitch;
  accountId: string;
  logger: LocalAwsLogger | undefined;
}

/** Handles one S3 request whose credential scope names the `s3` service. */
export async function handleS3(ex: Exchange, auth: ParsedAuthorization, ctx: S3FrontContext): Promise<void> {
  const method = ex.req.method ?? "GET";
  const target = parseS3Path(ex.rawPath);
  if (target === undefined) throw new AwsServiceError(400, "InvalidURI", "Couldn't parse the specified URI.");
  ex.draft.operation = s3OperationName(method, target, ex.query, ex.req.headers);

  const contentSha = ex.req.headers["x-amz-content-sha256"];
  if (typeof contentSha !== "string") {
    throw new AwsServiceError(
      400,
      "InvalidRequest",
      "Missing required header for this request: x-amz-content-sha256",
    );
  }
  verifyRequest(ex, auth, ctx.store, contentSha);
  const throttled = ctx.throttles.take(ex.draft.operation, "s3");
  if (throttled !== undefined) throw throttled;

  let body: Buffer | undefined;
  if (/^[0-9a-f]{64}$/.test(contentSha)) {
    body = await readBody(ex.req);
    if (sha256Hex(body) !== contentSha) {
      throw new AwsServiceError(
        400,
        "XAmzContentSHA256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  } else if (contentSha.startsWith("STREAMING-AWS4-")) {
    throw new AwsServiceError(501, "NotImplemented", "aws-local does not accept signed aws-chunked payloads");
  } else if (!UNSIGNED_PAYLOADS.has(contentSha)) {
    throw new AwsServiceError(
      400,
      "InvalidArgument",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, or a SHA-256 hex digest",
    );
  } else if (isAwsChunked(ex.req.headers)) {
    body = await readAwsChunked(ex);
  }

  const backend = ctx.backend;
  if (backend === undefined)
    throw new AwsServiceError(501, "NotImplemented", "S3 is disabled in this aws-local");

  if (target.bucket !== undefined && target.key === undefined) {
    const sub = bucketSubresource(ex.query);
    if (sub !== undefined && SECURITY_SUBRESOURCES.has(sub)) {
      await answerSecurity(ex, method, target.bucket, sub, backend, ctx);
      return;
    }
  }
  if (ex.draft.operation === "ListObjectsV2" && target.bucket !== undefined) {
    await listObjectsV2(ex, target.bucket, backend);
    return;
  }
  await proxy(ex, method, target.bucket, body, backend, ctx);
}

async function answerSecurity(
  ex: Exchange,
  method: string,
  bucket: string,
  sub: string,
  backend: S3Backend,
  ctx: S3FrontContext,
): Promise<void> {
  if (method !== "GET") {
    throw new AwsServiceError(
      501,
      "NotImplemented",
      `aws-local serves ?${sub} read-only; configure it with setBucketSecurity()`,
    );
  }
  if (!(await backend.bucketExists(bucket))) {
    throw new AwsServiceError(404, "NoSuchBucket", "The specified bucket does not exist");
  }
  const s = ctx.security.get(bucket);
  const xml = { "content-type": "application/xml" };
  switch (sub) {
    case "publicAccessBlock":
      if (s.publicAccessBlock === null) {
        throw new AwsServiceError(
          404,
          "NoSuchPublicAccessBlockConfiguration",
          "The public access block configuration was not found",
        );
      }
      ex.send(200, xml, publicAccessBlockXml(s.publicAccessBlock));
      return;
    case "policyStatus":
    case "policy":
      if (s.policy === "none")
        throw new AwsServiceError(404, "NoSuchBucketPolicy", "The bucket policy does not exist");
      if (sub === "policy")
        ex.send(
          200,
          { "content-type": "application/json" },
          bucketPolicyJson(bucket, ctx.accountId, s.policy),
        );
      else ex.send(200, xml, policyStatusXml(s.policy === "public"));
      return;
    default:
      ex.send(200, xml, bucketAclXml(ctx.accountId, s.acl));
  }
}

function forwardHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) out[name] = value;
  }
  return out;
}

function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  return (headers["content-encoding"] ?? "").split(",").some((e) => e.trim() === "aws-chunked");
}

/**
 * Decodes a whole aws-chunked body and checks its trailing checksum and decoded length before
 * anything reaches s3rver: s3rver writes straight into the object file and would keep a partial
 * or corrupt body if the upload were cut off midway, so bodies are verified first (up to
 * {@link MAX_BUFFERED_BODY_BYTES}).
 */
async function readAwsChunked(ex: Exchange): Promise<Buffer> {
  const declared = ex.req.headers["x-amz-decoded-content-length"];
  if (typeof declared !== "string" || !/^\d+$/.test(declared)) {
    throw new AwsServiceError(
      411,
      "MissingContentLength",
      "x-amz-decoded-content-length is required for aws-chunked",
    );
  }
  if (Number(declared) > MAX_BUFFERED_BODY_BYTES) {
    throw new AwsServiceError(
      400,
      "EntityTooLarge",
      `aws-local accepts streaming uploads up to ${MAX_BUFFERED_BODY_BYTES} bytes`,
    );
  }
  const decoder = new AwsChunkedDecoder();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of ex.req.pipe(decoder)) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > Number(declared)) break;
      chunks.push(buf);
    }
  } catch (err) {
    throw err instanceof AwsChunkedError
      ? new AwsServiceError(400, "BadDigest", err.message)
      : new AwsServiceError(400, "IncompleteBody", "The request body ended prematurely");
  }
  if (total !== Number(declared)) {
    throw new AwsServiceError(
      400,
      "IncompleteBody",
      "The decoded body length does not match x-amz-decoded-content-length",
    );
  }
  return Buffer.concat(chunks);
}

function proxy(
  ex: Exchange,
  method: string,
  bucket: string | undefined,
  body: Buffer | undefined,
  backend: S3Backend,
  ctx: S3FrontContext,
): Promise<void> {
  const inHeaders = ex.req.headers;
  const headers = forwardHeaders(inHeaders);
  headers.host = `${backend.host}:${backend.port}`;
  if (isAwsChunked(inHeaders)) {
    // The body was decoded by readAwsChunked; forward it as a plain body.
    const encodings = (inHeaders["content-encoding"] ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter((e) => e !== "" && e !== "aws-chunked");
    if (encodings.length > 0) headers["content-encoding"] = encodings.join(",");
    else delete headers["content-encoding"];
    delete headers["x-amz-trailer"];
    delete headers["x-amz-decoded-content-length"];
    headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  }
  if (body !== undefined) {
    headers["content-length"] = String(body.length);
  } else if (inHeaders["content-length"] !== undefined) {
    headers["content-length"] = inHeaders["content-length"];
  } else if (inHeaders["transfer-encoding"] !== undefined) {
    headers["transfer-encoding"] = "chunked";
  }

  return new Promise<void>((resolve) => {
    const fail = (err: unknown): void => {
      if (!ex.res.headersSent) {
        ctx.logger?.warn({ err, requestId: ex.requestId }, "aws-local: s3rver proxy request failed");
        ex.sendError(
          new AwsServiceError(500, "InternalError", "We encountered an internal error. Please try again."),
        );
      } else {
        ex.res.destroy();
      }
      resolve();
    };
    const upstream = request(
      { host: backend.host, port: backend.port, method, path: ex.req.url, headers, agent: backend.agent },
      (upRes) => {
        const status = upRes.statusCode ?? 502;
        const outHeaders: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(upRes.headers)) {
          if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) outHeaders[name] = value;
        }
        if (status === 204 && ex.draft.operation === "DeleteBucket" && bucket !== undefined) {
          ctx.security.delete(bucket);
        }
        if (status >= 400 && method !== "HEAD") {
          relayError(ex, status, outHeaders, upRes).then(resolve, fail);
          return;
        }
        ex.record(status, status >= 400 ? headErrorCode(status) : undefined);
        ex.res.writeHead(status, { ...outHeaders, ...ex.idHeaders() });
        pipeline(upRes, ex.res, () => resolve());
      },
    );
    upstream.on("error", fail);
    if (body !== undefined) {
      upstream.end(body);
    } else {
      pipeline(ex.req, upstream, (err) => {
        if (err) upstream.destroy(err);
      });
    }
  });
}

/** The code the SDK reports for a body-less HEAD error. */
function headErrorCode(status: number): string {
  return status === 404 ? "NotFound" : status === 403 ? "Forbidden" : String(status);
}

async function relayError(
  ex: Exchange,
  status: number,
  headers: OutgoingHttpHeaders,
  upRes: AsyncIterable<unknown>,
): Promise<void> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of upRes) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total <= MAX_ERROR_BODY_BYTES) chunks.push(buf);
  }
  let text = Buffer.concat(chunks).toString("utf8");
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? String(status);
  if (!text.includes("<RequestId>") && text.includes("</Error>")) {
    text = text.replace("</Error>", `<RequestId>${ex.requestId}</RequestId></Error>`);
  }
  delete headers["content-length"];
  ex.send(status, headers, text, code);
}
