/**
 * AWS Signature Version 4, verifier side: parse the `Authorization` header, rebuild the canonical
 * request from what arrived on the wire, and compute the signature a holder of the secret would have
 * produced. Implemented directly on node:crypto (HMAC-SHA256) rather than by re-running the SDK's
 * signer, so that a bug in the client's canonicalisation cannot cancel itself out here.
 *
 * Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The only algorithm accepted. */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  scopeDate: string;
  region: string;
  /** Signing name of the service, e.g. `s3`, `sts`, `monitoring` (CloudWatch). */
  service: string;
  /** Lower-case header names, in the order given (already sorted by a correct signer). */
  signedHeaders: string[];
  /** Hex signature. */
  signature: string;
}

const CREDENTIAL_RE = /^([A-Z0-9]{4,128})\/(\d{8})\/([a-z0-9-]{1,32})\/([a-z0-9-]{1,64})\/aws4_request$/;

/**
 * Parses an SigV4 `Authorization` header value. Returns `undefined` when it is not a well-formed
 * AWS4-HMAC-SHA256 header (the caller answers with a malformed-authorization error).
 */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined) return undefined;
  const m = CREDENTIAL_RE.exec(credential);
  if (!m) return undefined;
  if (!/^[0-9a-f]{64}$/.test(signature)) return undefined;
  const headers = signedHeaders.split(";");
  if (headers.some((h) => !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h))) return undefined;
  return {
    accessKeyId: m[1]!,
    scopeDate: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: headers,
    signature,
  };
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but `A-Za-z0-9-_.~` is encoded. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Canonical URI. S3 signs the path exactly as sent (encoded once, not normalised); every other
 * service signs the normalised path with each segment encoded again ("double encoding").
 * Returns `undefined` for a path that does not decode.
 */
export function canonicalUri(rawPath: string, service: string): string | undefined {
  if (rawPath === "") return "/";
  if (service === "s3") return rawPath;
  const out: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === ".") continue;
    if (segment === "..") {
      out.pop();
      continue;
    }
    out.push(uriEncode(segment));
  }
  const joined = out.join("/");
  return joined.startsWith("/") ? joined : `/${joined}`;
}

/**
 * Canonical query string: each name and value decoded then re-encoded with {@link uriEncode},
 * sorted by name then value, `name=value` joined by `&`. Returns `undefined` on bad escapes.
 */
export function canonicalQuery(rawQuery: string): string | undefined {
  if (rawQuery === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = safeDecode(eq < 0 ? "" : part.slice(eq + 1));
    if (name === undefined || value === undefined) return undefined;
    pairs.push([uriEncode(name), uriEncode(value)]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join("&");
}

/**
 * Canonical headers block for the signed header names, from Node's `rawHeaders` (so that repeated
 * headers are joined with `,` as SigV4 requires, not `, ` as Node's parsed headers do).
 * Returns `undefined` when a signed header is absent.
 */
export function canonicalHeaders(
  rawHeaders: readonly string[],
  signedHeaders: readonly string[],
): string | undefined {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const list = values.get(name) ?? [];
    list.push(rawHeaders[i + 1]!.trim().replace(/\s+/g, " "));
    values.set(name, list);
  }
  let out = "";
  for (const name of signedHeaders) {
    const list = values.get(name);
    if (list === undefined) return undefined;
    out += `${name}:${list.join(",")}\n`;
  }
  return out;
}

/** Everything needed to rebuild the canonical request. */
export interface CanonicalRequestInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  rawHeaders: readonly string[];
  signedHeaders: readonly string[];
  service: string;
  /** Hex SHA-256 of the payload, or a literal like `UNSIGNED-PAYLOAD` (S3). */
  payloadHash: string;
}

/** Builds the canonical request string, or `undefined` when the request cannot be canonicalised. */
export function canonicalRequest(input: CanonicalRequestInput): string | undefined {
  const uri = canonicalUri(input.rawPath, input.service);
  const query = canonicalQuery(input.rawQuery);
  const headers = canonicalHeaders(input.rawHeaders, input.signedHeaders);
  if (uri === undefined || query === undefined || headers === undefined) return undefined;
  return [input.method, uri, query, headers, input.signedHeaders.join(";"), input.payloadHash].join("\n");
}

/** Hex SHA-256. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/**
 * The signature a holder of `secretAccessKey` computes for this canonical request.
 * `amzDate` is the `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`).
 */
export function computeSignature(
  secretAccessKey: string,
  amzDate: string,
  auth: Pick<ParsedAuthorization, "scopeDate" | "region" | "service">,
  canonical: string,
): string {
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonical)].join("\n");
  const kDate = hmac(`AWS4${secretAccessKey}`, auth.scopeDate);
  const kRegion = hmac(kDate, auth.region);
  const kService = hmac(kRegion, auth.service);
  const kSigning = hmac(kService, "aws4_request");
  return createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const AMZ_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses an `X-Amz-Date` value into epoch milliseconds, or `undefined` if malformed. */
export function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE_RE.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}
