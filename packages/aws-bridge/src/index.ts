/**
 * @runscript/aws-bridge: the host side of the AWS call bridge. Sandboxed scripts send JSON requests;
 * the bridge resolves them against an explicit service registry, checks policy and budgets, makes
 * the call with the principal's (assumed-role) credentials, and audits it.
 */

export { type CallOutcome, RunAudit } from "./audit.js";
export { botocoreProvenance, botocoreService, botocoreServices } from "./botocore-data.js";
export {
  AwsBridge,
  type AwsBridgeOptions,
  type OperationDocs,
  type RunBridge,
  type RunContext,
} from "./bridge.js";
export { CallBudget, type Release } from "./budget.js";
export {
  installedServices,
  resolveService,
  type ServiceEntry,
  sdkPackageName,
  serviceByBoto3Name,
  serviceNames,
} from "./catalog.js";
export {
  type AwsBridgeConfig,
  type AwsBridgeConfigInput,
  AwsBridgeConfigSchema,
  DEFAULT_MAX_RUN_BUDGET,
  DEFAULT_RATE_LIMITS,
  DEFAULT_RUN_BUDGET,
  PolicyPatternSchema,
  type PrincipalConfig,
  type PrincipalConfigInput,
  PrincipalConfigSchema,
  type RateLimit,
  RateLimitSchema,
  RegionSchema,
  type RunBudget,
  RunBudgetSchema,
} from "./config.js";
export {
  AGENT_TAG_KEY,
  type AssumeRoleFn,
  type AssumeRoleInput,
  type AwsCredentials,
  CredentialBroker,
  type CredentialBrokerOptions,
  type CredentialsProvider,
  roleSessionName,
  sourceIdentity,
} from "./credentials.js";
export {
  AwsBridgeError,
  type AwsBridgeErrorCode,
  AwsBridgeErrorCodeSchema,
  ERROR_HTTP_STATUS,
  ERROR_KIND,
} from "./errors.js";
export { CREDENTIAL_OPERATIONS, isReadOperation, READ_VERBS, SENSITIVE_READS } from "./operation-class.js";
export { operationKey } from "./operations.js";
export { paginatorInfo } from "./paginators.js";
export { MAX_PROBLEMS, renderReport, type ValidationResult, validateParams } from "./param-validation.js";
export { Policy, type PolicyDecision, PolicyPattern } from "./policy.js";
export {
  type ApiCallRecord,
  ApiCallRecordSchema,
  type AwsCallRequest,
  AwsCallRequestSchema,
  type AwsClientRequest,
  AwsClientRequestSchema,
  type AwsDocRequest,
  AwsDocRequestSchema,
  type AwsDocValue,
  AwsDocValueSchema,
  type AwsPaginatorRequest,
  AwsPaginatorRequestSchema,
  type AwsWaiterRequest,
  AwsWaiterRequestSchema,
  type BridgeError,
  type BridgeErrorKind,
  BridgeErrorKindSchema,
  BridgeErrorSchema,
  type BridgeRequest,
  BridgeRequestSchema,
  type BridgeResponse,
  BridgeResponseSchema,
  type ClientInfo,
  ClientInfoSchema,
  MAX_BRIDGE_REQUEST_BYTES,
  type PaginatorInfo,
  PaginatorInfoSchema,
  type ValidationProblem,
  ValidationProblemSchema,
} from "./protocol.js";
export { keepFloatLexemes, parseRequestJson } from "./py-values.js";
export { RateLimiter, TokenBucket } from "./rate-limit.js";
export { isKnownRegion, REGIONS_BY_PARTITION, validateRegion } from "./regions.js";
export { readOnlyPolicyArn, readOnlySessionPolicy } from "./session-policy.js";
export { closestMatches } from "./suggest.js";
export { isThrottling } from "./throttling.js";
export { decodeParams, MAX_PARAM_DEPTH } from "./validate.js";
