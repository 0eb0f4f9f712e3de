/**
 * Classification of operations for policy: which are reads (allowed to read-only principals) and
 * which issue credentials (denied unless an operator opts in).
 *
 * Reads are classified by verb prefix, plus an exceptions table both ways. Decisions:
 * - `s3:GetObject` / `HeadObject` are reads: reading data is what read-only analysis needs.
 * - Reads that return secret material are NOT reads for read-only principals:
 *   `secretsmanager:GetSecretValue`, `secretsmanager:BatchGetSecretValue`, and `kms:Decrypt` (not a
 *   read verb anyway). A read-only principal that must read a secret is not read-only.
 * - Credential-issuing operations are never reads (`sts:GetSessionToken`, `sts:GetFederationToken`).
 */

/** Verb prefixes of read operations. */
export const READ_VERBS: readonly string[] = [
  "Get",
  "List",
  "Describe",
  "Head",
  "Lookup",
  "Search",
  "Scan",
  "Query",
  "BatchGet",
  "Filter",
  "Validate",
  "Estimate",
  "Simulate",
];

/** Operations that are reads although their verb is not a read verb (`prefix:Operation`). */
const READ_EXCEPTIONS: ReadonlySet<string> = new Set(
  [
    "dynamodb:TransactGetItems",
    "logs:StartQuery",
    "logs:StopQuery",
    "logs:TestMetricFilter",
    "rds:DownloadDBLogFilePortion",
    "sts:DecodeAuthorizationMessage",
    "cloudtrail:StartQuery",
    "cloudtrail:CancelQuery",
    // Read access level in AWS's Service Authorization Reference; audits need them (the credential
    // report and service-last-accessed audits), and AWS's ReadOnlyAccess allows them.
    "iam:GenerateCredentialReport",
    "iam:GenerateServiceLastAccessedDetails",
    "iam:GenerateOrganizationsAccessReport",
  ].map((s) => s.toLowerCase()),
);

/**
 * Read-verb actions that return secret or credential material: never reads for the bridge, and
 * explicitly denied in read-only session policies (see `session-policy.ts`).
 */
export const SENSITIVE_READS: readonly string[] = [
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "kms:GetParametersForImport",
  "sts:GetSessionToken",
  "sts:GetFederationToken",
  "sts:GetWebIdentityToken",
  // Reads that routinely carry secrets in their answer (issue 14): function environment variables,
  // task-definition environments, Windows passwords, user data, console output.
  "lambda:GetFunction",
  "lambda:GetFunctionConfiguration",
  "ecs:DescribeTaskDefinition",
  "ec2:GetPasswordData",
  "ec2:DescribeInstanceAttribute",
  "ec2:GetConsoleOutput",
  "ec2:GetLaunchTemplateData",
];

/** Operations that are NOT reads although their verb is a read verb (`prefix:Operation`). */
const NOT_READ_EXCEPTIONS: ReadonlySet<string> = new Set(
  [
    ...SENSITIVE_READS,
    "ecr:GetAuthorizationToken",
    "ecr-public:GetAuthorizationToken",
    "codeartifact:GetAuthorizationToken",
    "cognito-identity:GetCredentialsForIdentity",
    "cognito-identity:GetOpenIdToken",
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "sso:GetRoleCredentials",
  ].map((s) => s.toLowerCase()),
);

/**
 * Built-in deny list: operations that issue credentials or credential-like tokens. Denied unless an
 * operator lists them in a principal's `allowCredentialOperations`. Patterns, matched like policy
 * patterns; entries for services not in the registry guard future additions.
 */
export const CREDENTIAL_OPERATIONS: readonly string[] = [
  "sts:AssumeRole*",
  "sts:AssumeRoot",
  "sts:GetSessionToken",
  "sts:GetFederationToken",
  "sts:GetWebIdentityToken",
  "sso:GetRoleCredentials",
  "iam:CreateAccessKey",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "ecr:GetAuthorizationToken",
  "ecr-public:GetAuthorizationToken",
  "codeartifact:GetAuthorizationToken",
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-identity:GetOpenIdToken*",
  "redshift:GetClusterCredentials*",
  "redshift-serverless:GetCredentials",
  "rds:GenerateDbAuthToken",
  "rds-db:Connect",
];

/** True if `prefix:Operation` (canonical PascalCase operation) is classified as a read. */
export function isReadOperation(iamPrefix: string, operation: string): boolean {
  const key = `${iamPrefix}:${operation}`.toLowerCase();
  if (NOT_READ_EXCEPTIONS.has(key)) return false;
  if (READ_EXCEPTIONS.has(key)) return true;
  return READ_VERBS.some((verb) => {
    if (!operation.startsWith(verb)) return false;
    // The verb must be a whole word: `Get` + `Object`, not `Getaway`; `List` but not `Listen`.
    const next = operation.charAt(verb.length);
    return next === "" || (next >= "A" && next <= "Z") || (next >= "0" && next <= "9");
  });
}
