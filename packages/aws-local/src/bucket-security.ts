/**
 * Per-bucket security settings that the S3 front answers itself (s3rver has none of them):
 * public-access-block configuration, bucket policy (absent / private / public) and canned ACL,
 * with the XML/JSON bodies of GetPublicAccessBlock, GetBucketPolicyStatus, GetBucketPolicy and
 * GetBucketAcl.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { XML_DECLARATION, xmlElement, xmlText } from "./xml.js";

/** S3 public-access-block configuration. */
export const PublicAccessBlockSchema = z.object({
  BlockPublicAcls: z.boolean(),
  IgnorePublicAcls: z.boolean(),
  BlockPublicPolicy: z.boolean(),
  RestrictPublicBuckets: z.boolean(),
});
/** S3 public-access-block configuration. */
export type PublicAccessBlock = z.infer<typeof PublicAccessBlockSchema>;

/** Canned ACLs aws-local can report for a bucket. */
export const BucketAclSchema = z.enum(["private", "public-read", "public-read-write", "authenticated-read"]);
/** Canned ACL of a bucket. */
export type BucketAcl = z.infer<typeof BucketAclSchema>;

/**
 * Security settings of one bucket.
 * - `publicAccessBlock`: `null` means no configuration (GetPublicAccessBlock answers
 *   `NoSuchPublicAccessBlockConfiguration`).
 * - `policy`: `none` (GetBucketPolicy/GetBucketPolicyStatus answer `NoSuchBucketPolicy`),
 *   `private` (a policy granting only the account itself), or `public` (grants `s3:GetObject` to `*`).
 * - `acl`: the canned ACL whose grants GetBucketAcl lists.
 */
export const BucketSecuritySchema = z.object({
  publicAccessBlock: PublicAccessBlockSchema.nullable().default(null),
  policy: z.enum(["none", "private", "public"]).default("none"),
  acl: BucketAclSchema.default("private"),
});
/** Security settings of one bucket (after defaults). */
export type BucketSecurity = z.infer<typeof BucketSecuritySchema>;
/** Security settings as callers may pass them (every field optional). */
export type BucketSecurityInput = z.input<typeof BucketSecuritySchema>;

/** Settings of a bucket nobody configured: no public-access block, no policy, private ACL. */
export const DEFAULT_BUCKET_SECURITY: BucketSecurity = {
  publicAccessBlock: null,
  policy: "none",
  acl: "private",
};

/** Why a bucket is effectively public. */
export type PublicVia = "acl" | "policy";

/**
 * Whether the settings make the bucket effectively public, and through what: a public ACL
 * (AllUsers or AuthenticatedUsers grants) counts unless `IgnorePublicAcls`; a public policy counts
 * unless `RestrictPublicBuckets`.
 */
export function effectivePublicity(s: BucketSecurity): { isPublic: boolean; publicVia: PublicVia[] } {
  const via: PublicVia[] = [];
  if (s.acl !== "private" && !(s.publicAccessBlock?.IgnorePublicAcls ?? false)) via.push("acl");
  if (s.policy === "public" && !(s.publicAccessBlock?.RestrictPublicBuckets ?? false)) via.push("policy");
  return { isPublic: via.length > 0, publicVia: via };
}

const S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** Group grantee URIs. */
export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
/** Group grantee URI of any authenticated AWS principal. */
export const AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

/** Canonical user id of the account's owner (stable 64 hex characters). */
export function canonicalOwnerId(accountId: string): string {
  return createHash("sha256").update(`owner:${accountId}`).digest("hex");
}

/** GetPublicAccessBlock body. */
export function publicAccessBlockXml(pab: PublicAccessBlock): string {
  return (
    `${XML_DECLARATION}<PublicAccessBlockConfiguration xmlns="${S3_NS}">` +
    xmlText("BlockPublicAcls", pab.BlockPublicAcls) +
    xmlText("IgnorePublicAcls", pab.IgnorePublicAcls) +
    xmlText("BlockPublicPolicy", pab.BlockPublicPolicy) +
    xmlText("RestrictPublicBuckets", pab.RestrictPublicBuckets) +
    "</PublicAccessBlockConfiguration>"
  );
}

/** GetBucketPolicyStatus body: `IsPublic` reflects the policy itself (as S3 reports it). */
export function policyStatusXml(isPublic: boolean): string {
  return `${XML_DECLARATION}<PolicyStatus xmlns="${S3_NS}">${xmlText("IsPublic", isPublic)}</PolicyStatus>`;
}

/** GetBucketPolicy body: a policy document matching the `policy` setting. */
export function bucketPolicyJson(bucket: string, accountId: string, policy: "private" | "public"): string {
  const principal = policy === "public" ? "*" : { AWS: `arn:aws:iam::${accountId}:root` };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: policy === "public" ? "PublicRead" : "AccountRead",
        Effect: "Allow",
        Principal: principal,
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
    ],
  });
}

function groupGrant(uri: string, permission: string): string {
  return xmlElement(
    "Grant",
    `<Grantee xmlns:xsi="${XSI_NS}" xsi:type="Group">${xmlText("URI", uri)}</Grantee>${xmlText("Permission", permission)}`,
  );
}

/** GetBucketAcl body for a canned ACL: owner FULL_CONTROL plus the canned group grants. */
export function bucketAclXml(accountId: string, acl: BucketAcl): string {
  const ownerId = canonicalOwnerId(accountId);
  const owner = xmlText("ID", ownerId) + xmlText("DisplayName", "runscript-local");
  let grants = xmlElement(
    "Grant",
    `<Grantee xmlns:xsi="${XSI_NS}" xsi:type="CanonicalUser">${owner}</Grantee>${xmlText("Permission", "FULL_CONTROL")}`,
  );
  switch (acl) {
    case "private":
      break;
    case "public-read":
      grants += groupGrant(ALL_USERS_URI, "READ");
      break;
    case "public-read-write":
      grants += groupGrant(ALL_USERS_URI, "READ") + groupGrant(ALL_USERS_URI, "WRITE");
      break;
    case "authenticated-read":
      grants += groupGrant(AUTHENTICATED_USERS_URI, "READ");
      break;
  }
  return (
    `${XML_DECLARATION}<AccessControlPolicy xmlns="${S3_NS}">` +
    xmlElement("Owner", owner) +
    xmlElement("AccessControlList", grants) +
    "</AccessControlPolicy>"
  );
}

/** Settings per bucket name. */
export class BucketSecurityStore {
  readonly #byBucket = new Map<string, BucketSecurity>();

  /** Settings of `bucket` (defaults when never set). */
  get(bucket: string): BucketSecurity {
    return this.#byBucket.get(bucket) ?? DEFAULT_BUCKET_SECURITY;
  }

  /** Replaces the settings of `bucket`. */
  set(bucket: string, settings: BucketSecurity): void {
    this.#byBucket.set(bucket, settings);
  }

  /** Forgets `bucket` (after DeleteBucket). */
  delete(bucket: string): void {
    this.#byBucket.delete(bucket);
  }
}
