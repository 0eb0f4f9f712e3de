/**
 * ListObjectsV2 for the S3 front. s3rver 3.7 builds V2 continuation tokens with DES, which
 * OpenSSL 3 (Node 17+) refuses, so any truncated V2 listing fails inside s3rver. The front
 * therefore asks s3rver for a V1 listing (`marker` = where to start) and answers the V2 shape
 * itself, with its own opaque continuation token.
 *
 * Limitation inherited from s3rver: with a `delimiter`, only keys count toward `max-keys`, and a
 * common prefix can appear again on a later page.
 */
import { AwsServiceError } from "./errors.js";
import type { Exchange } from "./exchange.js";
import type { S3Backend } from "./s3-backend.js";
import { allElements, firstElementText, XML_DECLARATION, xmlElement, xmlText } from "./xml.js";

const TOKEN_PREFIX = "rs1:";

/** Opaque continuation token: the bucket and the last key returned. */
export function encodeContinuationToken(bucket: string, lastKey: string): string {
  return Buffer.from(`${TOKEN_PREFIX}${JSON.stringify([bucket, lastKey])}`, "utf8").toString("base64url");
}

/** The key to start after, or `undefined` if the token is not one of ours for this bucket. */
export function decodeContinuationToken(bucket: string, token: string): string | undefined {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(TOKEN_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(text.slice(TOKEN_PREFIX.length));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed[0] === bucket &&
      typeof parsed[1] === "string"
    ) {
      return parsed[1];
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Answers a ListObjectsV2 request (`GET /bucket?list-type=2...`) through a V1 listing of s3rver. */
export async function listObjectsV2(ex: Exchange, bucket: string, backend: S3Backend): Promise<void> {
  const q = ex.query;
  const token = q.get("continuation-token");
  let startAfter = q.get("start-after") ?? undefined;
  if (token !== null) {
    startAfter = decodeContinuationToken(bucket, token);
    if (startAfter === undefined) {
      throw new AwsServiceError(400, "InvalidArgument", "The continuation token provided is incorrect");
    }
  }
  const maxKeysRaw = q.get("max-keys") ?? "1000";
  if (!/^\d+$/.test(maxKeysRaw)) {
    throw new AwsServiceError(
      400,
      "InvalidArgument",
      "Provided max-keys not an integer or within integer range",
    );
  }
  const upstream = new URLSearchParams();
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  if (prefix !== "") upstream.set("prefix", prefix);
  if (delimiter !== "") upstream.set("delimiter", delimiter);
  if (startAfter !== undefined && startAfter !== "") upstream.set("marker", startAfter);
  upstream.set("max-keys", maxKeysRaw);

  const res = await backend.call(
    "GET",
    `/${encodeURIComponent(bucket)}?${upstream.toString().replace(/\+/g, "%20")}`,
  );
  const xml = res.body.toString("utf8");
  if (res.status !== 200) {
    throw new AwsServiceError(
      res.status,
      firstElementText(xml, "Code") ?? "InternalError",
      firstElementText(xml, "Message") ?? "s3rver listing failed",
    );
  }

  const urlEncode = q.get("encoding-type") === "url";
  const enc = (s: string): string => (urlEncode ? encodeURIComponent(s) : s);
  const fetchOwner = q.get("fetch-owner") === "true";
  const contents = allElements(xml, "Contents");
  const prefixes = allElements(xml, "CommonPrefixes").map((p) => firstElementText(p, "Prefix") ?? "");
  const truncated = firstElementText(xml, "IsTruncated") === "true";
  let lastKey: string | undefined;

  let body = "";
  for (const c of contents) {
    const key = firstElementText(c, "Key") ?? "";
    lastKey = key;
    const owner = allElements(c, "Owner")[0];
    body += xmlElement(
      "Contents",
      xmlText("Key", enc(key)) +
        xmlText("LastModified", firstElementText(c, "LastModified") ?? "") +
        xmlText("ETag", firstElementText(c, "ETag") ?? "") +
        xmlText("Size", firstElementText(c, "Size") ?? "0") +
        (fetchOwner && owner !== undefined ? xmlElement("Owner", owner) : "") +
        xmlText("StorageClass", firstElementText(c, "StorageClass") ?? "STANDARD"),
    );
  }
  for (const p of prefixes) body += xmlElement("CommonPrefixes", xmlText("Prefix", enc(p)));

  const head =
    xmlText("Name", bucket) +
    xmlText("Prefix", enc(prefix)) +
    (token !== null ? xmlText("ContinuationToken", token) : "") +
    (token === null && startAfter !== undefined ? xmlText("StartAfter", enc(startAfter)) : "") +
    (truncated && lastKey !== undefined
      ? xmlText("NextContinuationToken", encodeContinuationToken(bucket, lastKey))
      : "") +
    xmlText("KeyCount", contents.length + prefixes.length) +
    xmlText("MaxKeys", maxKeysRaw) +
    (delimiter !== "" ? xmlText("Delimiter", enc(delimiter)) : "") +
    (urlEncode ? xmlText("EncodingType", "url") : "") +
    xmlText("IsTruncated", truncated && lastKey !== undefined);
  ex.send(
    200,
    { "content-type": "application/xml" },
    `${XML_DECLARATION}<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${head}${body}</ListBucketResult>`,
  );
}
