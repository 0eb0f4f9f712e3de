/**
 * Names the S3 operation of a path-style request from its method, path and subresource query
 * parameters, through explicit lookup tables (used for the request log and the throttling switch).
 */
import type { IncomingHttpHeaders } from "node:http";

/** A parsed path-style S3 target: `/`, `/bucket`, or `/bucket/key`. */
export interface S3Target {
  /** Decoded bucket name, or `undefined` for the service root. */
  bucket: string | undefined;
  /** Decoded object key, or `undefined` for bucket-level requests. */
  key: string | undefined;
}

/** Splits a raw path-style path into bucket and key. Returns `undefined` on bad percent-escapes. */
export function parseS3Path(rawPath: string): S3Target | undefined {
  try {
    const path = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
    if (path === "") return { bucket: undefined, key: undefined };
    const slash = path.indexOf("/");
    if (slash < 0) return { bucket: decodeURIComponent(path), key: undefined };
    const key = path.slice(slash + 1);
    return {
      bucket: decodeURIComponent(path.slice(0, slash)),
      key: key === "" ? undefined : decodeURIComponent(key),
    };
  } catch {
    return undefined;
  }
}

type MethodTable = Partial<Record<"GET" | "PUT" | "DELETE" | "HEAD" | "POST", string>>;

/** Bucket-level subresources, checked in this order. */
const BUCKET_SUBRESOURCES: ReadonlyArray<[string, MethodTable]> = [
  [
    "publicAccessBlock",
    { GET: "GetPublicAccessBlock", PUT: "PutPublicAccessBlock", DELETE: "DeletePublicAccessBlock" },
  ],
  ["policyStatus", { GET: "GetBucketPolicyStatus" }],
  ["policy", { GET: "GetBucketPolicy", PUT: "PutBucketPolicy", DELETE: "DeleteBucketPolicy" }],
  ["acl", { GET: "GetBucketAcl", PUT: "PutBucketAcl" }],
  ["location", { GET: "GetBucketLocation" }],
  ["versioning", { GET: "GetBucketVersioning", PUT: "PutBucketVersioning" }],
  ["versions", { GET: "ListObjectVersions" }],
  ["cors", { GET: "GetBucketCors", PUT: "PutBucketCors", DELETE: "DeleteBucketCors" }],
  ["website", { GET: "GetBucketWebsite", PUT: "PutBucketWebsite", DELETE: "DeleteBucketWebsite" }],
  ["tagging", { GET: "GetBucketTagging", PUT: "PutBucketTagging", DELETE: "DeleteBucketTagging" }],
  [
    "encryption",
    { GET: "GetBucketEncryption", PUT: "PutBucketEncryption", DELETE: "DeleteBucketEncryption" },
  ],
  [
    "lifecycle",
    {
      GET: "GetBucketLifecycleConfiguration",
      PUT: "PutBucketLifecycleConfiguration",
      DELETE: "DeleteBucketLifecycle",
    },
  ],
  ["logging", { GET: "GetBucketLogging", PUT: "PutBucketLogging" }],
  ["ownershipControls", { GET: "GetBucketOwnershipControls", PUT: "PutBucketOwnershipControls" }],
  ["uploads", { GET: "ListMultipartUploads" }],
  ["delete", { POST: "DeleteObjects" }],
];

/** Object-level subresources, checked in this order. */
const OBJECT_SUBRESOURCES: ReadonlyArray<[string, MethodTable]> = [
  ["acl", { GET: "GetObjectAcl", PUT: "PutObjectAcl" }],
  ["tagging", { GET: "GetObjectTagging", PUT: "PutObjectTagging", DELETE: "DeleteObjectTagging" }],
  ["uploads", { POST: "CreateMultipartUpload" }],
  [
    "uploadId",
    { GET: "ListParts", PUT: "UploadPart", POST: "CompleteMultipartUpload", DELETE: "AbortMultipartUpload" },
  ],
];

const BUCKET_PLAIN: MethodTable = {
  GET: "ListObjects",
  PUT: "CreateBucket",
  DELETE: "DeleteBucket",
  HEAD: "HeadBucket",
};
const OBJECT_PLAIN: MethodTable = {
  GET: "GetObject",
  PUT: "PutObject",
  DELETE: "DeleteObject",
  HEAD: "HeadObject",
};

function lookup(table: MethodTable, method: string): string | undefined {
  switch (method) {
    case "GET":
    case "PUT":
    case "DELETE":
    case "HEAD":
    case "POST":
      return table[method];
    default:
      return undefined;
  }
}

/** The bucket-level subresource named in the query, if any (e.g. `publicAccessBlock`). */
export function bucketSubresource(query: URLSearchParams): string | undefined {
  return BUCKET_SUBRESOURCES.find(([name]) => query.has(name))?.[0];
}

/** Names the S3 operation, e.g. `ListObjectsV2`, `PutObject`, `GetBucketAcl`; `Unknown` otherwise. */
export function s3OperationName(
  method: string,
  target: S3Target,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string {
  if (target.bucket === undefined) return method === "GET" ? "ListBuckets" : "Unknown";
  if (target.key === undefined) {
    const sub = BUCKET_SUBRESOURCES.find(([name]) => query.has(name));
    if (sub !== undefined) return lookup(sub[1], method) ?? "Unknown";
    if (method === "GET" && query.get("list-type") === "2") return "ListObjectsV2";
    return lookup(BUCKET_PLAIN, method) ?? "Unknown";
  }
  const sub = OBJECT_SUBRESOURCES.find(([name]) => query.has(name));
  const copy = headers["x-amz-copy-source"] !== undefined;
  if (sub !== undefined) {
    const name = lookup(sub[1], method) ?? "Unknown";
    return name === "UploadPart" && copy ? "UploadPartCopy" : name;
  }
  if (method === "PUT" && copy) return "CopyObject";
  return lookup(OBJECT_PLAIN, method) ?? "Unknown";
}
