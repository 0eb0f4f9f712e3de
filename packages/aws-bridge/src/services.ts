/**
 * The registry of AWS services a script may call: an explicit table, never a dynamic import of a
 * caller-chosen name.
 *
 * To add a service: add its `@aws-sdk/client-*` package to this package's `package.json`, then add
 * one entry to `SERVICES` below (boto3 name, aliases, IAM prefix, client class name, loader). Policy
 * patterns, the read-only session policy and the paginator table (`npm run generate:paginators` in
 * this package) pick it up from here.
 */
import { AwsBridgeError } from "./errors.js";
import { closestMatches } from "./suggest.js";

/** One supported service. */
export interface ServiceEntry {
  /** The boto3 service name, which is also the canonical name used in audit records. */
  readonly name: string;
  /** Other names a script may use (e.g. the SDK v3 package suffix). */
  readonly aliases: readonly string[];
  /** The IAM action prefix, used for policy patterns (`logs:FilterLogEvents`). */
  readonly iamPrefix: string;
  /** The SDK v3 client class exported by the package, e.g. `S3Client`. */
  readonly clientName: string;
  /** The SDK v3 package, for messages and the paginator generator. */
  readonly packageName: string;
  /** Loads the SDK v3 package (only when the service is first used). */
  readonly load: () => Promise<object>;
}

/** Every supported service, keyed by canonical (boto3) name. Edit this table to add one. */
export const SERVICES: readonly ServiceEntry[] = [
  {
    name: "s3",
    aliases: [],
    iamPrefix: "s3",
    clientName: "S3Client",
    packageName: "@aws-sdk/client-s3",
    load: () => import("@aws-sdk/client-s3"),
  },
  {
    name: "sts",
    aliases: [],
    iamPrefix: "sts",
    clientName: "STSClient",
    packageName: "@aws-sdk/client-sts",
    load: () => import("@aws-sdk/client-sts"),
  },
  {
    name: "iam",
    aliases: [],
    iamPrefix: "iam",
    clientName: "IAMClient",
    packageName: "@aws-sdk/client-iam",
    load: () => import("@aws-sdk/client-iam"),
  },
  {
    name: "ec2",
    aliases: [],
    iamPrefix: "ec2",
    clientName: "EC2Client",
    packageName: "@aws-sdk/client-ec2",
    load: () => import("@aws-sdk/client-ec2"),
  },
  {
    name: "lambda",
    aliases: [],
    iamPrefix: "lambda",
    clientName: "LambdaClient",
    packageName: "@aws-sdk/client-lambda",
    load: () => import("@aws-sdk/client-lambda"),
  },
  {
    name: "cloudwatch",
    aliases: ["monitoring"],
    iamPrefix: "cloudwatch",
    clientName: "CloudWatchClient",
    packageName: "@aws-sdk/client-cloudwatch",
    load: () => import("@aws-sdk/client-cloudwatch"),
  },
  {
    name: "logs",
    aliases: ["cloudwatch-logs", "cloudwatchlogs"],
    iamPrefix: "logs",
    clientName: "CloudWatchLogsClient",
    packageName: "@aws-sdk/client-cloudwatch-logs",
    load: () => import("@aws-sdk/client-cloudwatch-logs"),
  },
  {
    name: "dynamodb",
    aliases: [],
    iamPrefix: "dynamodb",
    clientName: "DynamoDBClient",
    packageName: "@aws-sdk/client-dynamodb",
    load: () => import("@aws-sdk/client-dynamodb"),
  },
  {
    name: "sqs",
    aliases: [],
    iamPrefix: "sqs",
    clientName: "SQSClient",
    packageName: "@aws-sdk/client-sqs",
    load: () => import("@aws-sdk/client-sqs"),
  },
  {
    name: "sns",
    aliases: [],
    iamPrefix: "sns",
    clientName: "SNSClient",
    packageName: "@aws-sdk/client-sns",
    load: () => import("@aws-sdk/client-sns"),
  },
  {
    name: "kms",
    aliases: [],
    iamPrefix: "kms",
    clientName: "KMSClient",
    packageName: "@aws-sdk/client-kms",
    load: () => import("@aws-sdk/client-kms"),
  },
  {
    name: "secretsmanager",
    aliases: ["secrets-manager"],
    iamPrefix: "secretsmanager",
    clientName: "SecretsManagerClient",
    packageName: "@aws-sdk/client-secrets-manager",
    load: () => import("@aws-sdk/client-secrets-manager"),
  },
  {
    name: "rds",
    aliases: [],
    iamPrefix: "rds",
    clientName: "RDSClient",
    packageName: "@aws-sdk/client-rds",
    load: () => import("@aws-sdk/client-rds"),
  },
  {
    name: "ecs",
    aliases: [],
    iamPrefix: "ecs",
    clientName: "ECSClient",
    packageName: "@aws-sdk/client-ecs",
    load: () => import("@aws-sdk/client-ecs"),
  },
  {
    name: "cloudformation",
    aliases: [],
    iamPrefix: "cloudformation",
    clientName: "CloudFormationClient",
    packageName: "@aws-sdk/client-cloudformation",
    load: () => import("@aws-sdk/client-cloudformation"),
  },
  {
    name: "cloudtrail",
    aliases: [],
    iamPrefix: "cloudtrail",
    clientName: "CloudTrailClient",
    packageName: "@aws-sdk/client-cloudtrail",
    load: () => import("@aws-sdk/client-cloudtrail"),
  },
  {
    name: "config",
    aliases: ["config-service", "configservice"],
    iamPrefix: "config",
    clientName: "ConfigServiceClient",
    packageName: "@aws-sdk/client-config-service",
    load: () => import("@aws-sdk/client-config-service"),
  },
  {
    name: "organizations",
    aliases: [],
    iamPrefix: "organizations",
    clientName: "OrganizationsClient",
    packageName: "@aws-sdk/client-organizations",
    load: () => import("@aws-sdk/client-organizations"),
  },
];

const BY_NAME: ReadonlyMap<string, ServiceEntry> = new Map(
  SERVICES.flatMap((s) => [s.name, ...s.aliases].map((n) => [n, s] as const)),
);

/** The canonical names of every supported service. */
export const SERVICE_NAMES: readonly string[] = SERVICES.map((s) => s.name);

/**
 * Resolves a service name as a script wrote it (case-insensitive; boto3 names and the aliases in
 * `SERVICES`). Throws `UnknownService` naming the closest supported names.
 */
export function resolveService(name: string): ServiceEntry {
  const entry = BY_NAME.get(name.toLowerCase());
  if (entry) return entry;
  const near = closestMatches(name.toLowerCase(), [...BY_NAME.keys()], (k) => BY_NAME.get(k)?.name ?? k);
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(", ")}?` : "";
  throw new AwsBridgeError(
    "UnknownService",
    `Unknown service '${name}'.${hint} Supported services: ${SERVICE_NAMES.join(", ")}. ` +
      "An operator adds a service with one entry in packages/aws-bridge/src/services.ts.",
  );
}
