/**
 * The STS session policies given to read-only principals' assumed-role sessions. A session's
 * effective permissions are the intersection of the role's policies and the session policies, so
 * AWS itself refuses writes even if the bridge's own policy check had a bug.
 *
 * Read-only is AWS's own meaning of it: the AWS managed policy `ReadOnlyAccess` (passed as a session
 * policy ARN; it covers every service, which no inline policy within STS's 2,048-character limit
 * can), plus an inline policy that denies the read actions returning secret material or credentials
 * (`SENSITIVE_READS`).
 */

import { SENSITIVE_READS } from "./operation-class.js";
import { PolicyPattern } from "./policy.js";

/** The managed policy that defines read-only access, in the role's partition. */
export function readOnlyPolicyArn(roleArn: string): string {
  const partition = /^arn:([a-z-]+):/.exec(roleArn)?.[1] ?? "aws";
  return `arn:${partition}:iam::aws:policy/ReadOnlyAccess`;
}

/**
 * The inline session policy JSON of read-only sessions: denies the secret-returning reads (compact;
 * STS limits a session policy to 2,048 characters of plain text, which a unit test checks).
 */
export function readOnlySessionPolicy(allowedSensitiveReads: readonly string[] = []): string {
  const allowed = allowedSensitiveReads.map((p) => new PolicyPattern(p));
  const deny = SENSITIVE_READS.filter((a) => !allowed.some((p) => p.matches(a)));
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", Action: deny.length > 0 ? deny : ["sts:GetSessionToken"], Resource: "*" }],
  });
}
