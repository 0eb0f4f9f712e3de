/**
 * The STS session policy given to read-only principals' assumed-role sessions. A session's effective
 * permissions are the intersection of the role's policies and this one, so AWS itself refuses writes
 * even if the bridge's own policy check had a bug.
 *
 * It allows the IAM action families that are reads for every registry service (`Get*`, `List*`,
 * `Describe*`, and a few named reads) and explicitly denies the read-verb actions that return secret
 * material or credentials. IAM action names differ from SDK operation names in places (S3
 * `HeadObject` is authorized as `s3:GetObject`), so this is written in IAM terms.
 */

import { SENSITIVE_READS } from "./operation-class.js";
import { SERVICES } from "./services.js";

/** Per-prefix read actions beyond `Get*`, `List*`, `Describe*`. */
const EXTRA_READ_ACTIONS: readonly string[] = [
  "dynamodb:BatchGet*",
  "dynamodb:Query",
  "dynamodb:Scan",
  "cloudtrail:LookupEvents",
  "logs:FilterLogEvents",
  "logs:StartQuery",
  "logs:StopQuery",
  "logs:TestMetricFilter",
  "iam:Simulate*",
  "cloudformation:ValidateTemplate",
  "cloudformation:EstimateTemplateCost",
  "rds:DownloadDBLogFilePortion",
  "ec2:Search*",
  "sts:DecodeAuthorizationMessage",
];

/**
 * The read-only session policy JSON (compact; STS limits a session policy to 2,048 characters of
 * plain text, which a unit test checks).
 */
export function readOnlySessionPolicy(): string {
  const prefixes = [...new Set(SERVICES.map((s) => s.iamPrefix))];
  const allow = [
    ...prefixes.flatMap((p) => [`${p}:Get*`, `${p}:List*`, `${p}:Describe*`]),
    ...EXTRA_READ_ACTIONS,
  ];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: allow, Resource: "*" },
      { Effect: "Deny", Action: SENSITIVE_READS, Resource: "*" },
    ],
  });
}
