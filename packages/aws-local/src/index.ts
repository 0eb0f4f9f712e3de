/**
 * @runscript/aws-local: a local AWS endpoint of runscript's own for tests, the demo and benchmarks.
 * STS (AssumeRole, GetCallerIdentity), CloudWatch (PutMetricData, ListMetrics, GetMetricData) and
 * path-style S3 (s3rver behind a front that answers bucket-security subresources) on one
 * 127.0.0.1 port, with SigV4 verification, a request log, latency injection and throttling.
 */
export type {
  BucketAcl,
  BucketSecurity,
  BucketSecurityInput,
  PublicAccessBlock,
  PublicVia,
} from "./bucket-security.js";
export {
  ALL_USERS_URI,
  AUTHENTICATED_USERS_URI,
  BucketSecuritySchema,
  effectivePublicity,
} from "./bucket-security.js";
export type { BaseCredentials, IssuedSession, SessionTag } from "./credential-store.js";
export type { AwsFaultType, LocalAwsErrorCode } from "./errors.js";
export { AwsServiceError, LocalAwsError } from "./errors.js";
export type { LocalAws, LocalAwsOptions } from "./local-aws.js";
export { LocalAwsOptionsSchema, MAX_LATENCY_MS, startLocalAws } from "./local-aws.js";
export type { LocalAwsLogger } from "./logger.js";
export type { MetricDimension, SampleStats, StoredDatapoint } from "./metric-store.js";
export type { CredentialKind, RecordedRequest } from "./request-log.js";
export type { BucketTruth, SeedBucketKind } from "./seed.js";
export { MAX_SEED_BUCKETS, planSeedBuckets } from "./seed.js";
