/**
 * Authentication of every request: SigV4 header parsing, credential lookup, session-token and
 * expiry checks, and signature verification. Error codes follow what the real service answers
 * (S3 names differ from STS/CloudWatch names, e.g. `InvalidAccessKeyId` vs `InvalidClientTokenId`).
 */
import type { CredentialStore, ResolvedCredential } from "./credential-store.js";
import { AwsServiceError } from "./errors.js";
import type { Exchange } from "./exchange.js";
import {
  canonicalRequest,
  computeSignature,
  type ParsedAuthorization,
  parseAmzDate,
  parseAuthorization,
  signaturesEqual,
} from "./sigv4.js";

/** Largest accepted difference between `X-Amz-Date` and the local clock (as AWS: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

type Failure =
  | "missing"
  | "presigned"
  | "malformed"
  | "unknownKey"
  | "badToken"
  | "expired"
  | "skew"
  | "mismatch";

const S3_ERRORS: Record<Failure, [number, string, string]> = {
  missing: [403, "AccessDenied", "Anonymous requests are not accepted by aws-local"],
  presigned: [403, "AccessDenied", "Query-string (presigned) authentication is not supported by aws-local"],
  malformed: [400, "AuthorizationHeaderMalformed", "The authorization header is malformed"],
  unknownKey: [
    403,
    "InvalidAccessKeyId",
    "The AWS Access Key Id you provided does not exist in our records.",
  ],
  badToken: [400, "InvalidToken", "The provided token is malformed or otherwise invalid."],
  expired: [400, "ExpiredToken", "The provided token has expired."],
  skew: [
    403,
    "RequestTimeTooSkewed",
    "The difference between the request time and the current time is too large.",
  ],
  mismatch: [
    403,
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  ],
};

const RPC_ERRORS: Record<Failure, [number, string, string]> = {
  missing: [403, "MissingAuthenticationToken", "Request is missing Authentication Token"],
  presigned: [403, "AccessDenied", "Query-string (presigned) authentication is not supported by aws-local"],
  malformed: [400, "IncompleteSignature", "The request signature does not conform to AWS standards."],
  unknownKey: [403, "InvalidClientTokenId", "The security token included in the request is invalid."],
  badToken: [403, "InvalidClientTokenId", "The security token included in the request is invalid."],
  expired: [400, "ExpiredToken", "The security token included in the request is expired"],
  skew: [
    403,
    "SignatureDoesNotMatch",
    "Signature expired: the request time is too far from the server time.",
  ],
  mismatch: [
    403,
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
  ],
};

function fail(ex: Exchange, failure: Failure): AwsServiceError {
  const [status, code, message] = (ex.protocol === "s3" ? S3_ERRORS : RPC_ERRORS)[failure];
  return new AwsServiceError(status, code, message);
}

/**
 * Reads the `Authorization` header and fills the record's scope fields (access key, region,
 * service). Throws the protocol's error for a missing, presigned or malformed signature.
 */
export function readAuthorization(ex: Exchange): ParsedAuthorization {
  const header = ex.req.headers.authorization;
  if (header === undefined) {
    const q = ex.query;
    if (q.has("X-Amz-Signature") || q.has("X-Amz-Algorithm") || q.has("Signature"))
      throw fail(ex, "presigned");
    throw fail(ex, "missing");
  }
  const auth = parseAuthorization(header);
  if (auth === undefined) throw fail(ex, "malformed");
  ex.setSigningService(auth.service);
  ex.draft.accessKeyId = auth.accessKeyId;
  ex.draft.region = auth.region;
  return auth;
}

/**
 * Verifies the request: the access key exists, session credentials carry their token and have not
 * expired, the date is within {@link MAX_CLOCK_SKEW_MS}, and the signature matches.
 * `payloadHash` is the hash that goes into the canonical request (the body's SHA-256 for RPC
 * services; the `x-amz-content-sha256` value for S3). Fills the record's credential fields.
 */
export function verifyRequest(
  ex: Exchange,
  auth: ParsedAuthorization,
  store: CredentialStore,
  payloadHash: string,
  now: number = Date.now(),
): ResolvedCredential {
  const credential = store.resolve(auth.accessKeyId);
  if (credential === undefined) {
    ex.draft.credentialKind = "unknown";
    throw fail(ex, "unknownKey");
  }
  ex.draft.credentialKind = credential.kind;
  if (credential.kind === "assumed") {
    const s = credential.session;
    ex.draft.roleArn = s.roleArn;
    ex.draft.roleSessionName = s.roleSessionName;
    ex.draft.sourceIdentity = s.sourceIdentity;
    ex.draft.sessionTags = s.tags.map((t) => ({ ...t }));
    const token = ex.req.headers["x-amz-security-token"];
    if (typeof token !== "string" || token !== s.sessionToken) throw fail(ex, "badToken");
    if (s.expiration.getTime() <= now) throw fail(ex, "expired");
  }

  const amzDate = ex.req.headers["x-amz-date"];
  if (typeof amzDate !== "string") throw fail(ex, "malformed");
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || amzDate.slice(0, 8) !== auth.scopeDate) throw fail(ex, "malformed");
  if (!auth.signedHeaders.includes("host") || !auth.signedHeaders.includes("x-amz-date")) {
    throw fail(ex, "malformed");
  }
  if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) throw fail(ex, "skew");

  const canonical = canonicalRequest({
    method: ex.req.method ?? "GET",
    rawPath: ex.rawPath,
    rawQuery: ex.rawQuery,
    rawHeaders: ex.req.rawHeaders,
    signedHeaders: auth.signedHeaders,
    service: auth.service,
    payloadHash,
  });
  if (canonical === undefined) throw fail(ex, "mismatch");
  const expected = computeSignature(credential.secretAccessKey, amzDate, auth, canonical);
  if (!signaturesEqual(expected, auth.signature)) throw fail(ex, "mismatch");
  return credential;
}
