/**
 * Public surface of the infra app (for tests and for embedding the stack in another CDK app).
 */
export { createRunscriptApp, FEATURE_FLAGS, type RunscriptApp } from "./app.ts";
export {
  acknowledgeFindings,
  addComplianceChecks,
  listAcknowledgements,
  type NagAcknowledgement,
  type RecordedAcknowledgement,
} from "./compliance-checks.ts";
export {
  type ContainerInsightsMode,
  type ContextSource,
  DEFAULT_SETTINGS,
  type EgressMode,
  InfraContextError,
  type InfraErrorCode,
  type ReadOnlyPolicyName,
  type RunscriptSettings,
  readSettings,
} from "./context.ts";
export { ACCESS_LOG_PREFIX, FLOW_LOG_PREFIX, LogBuckets, type LogBucketsProps } from "./log-buckets.ts";
export {
  fleetRatePercent,
  type McpMetricName,
  type McpMetricOptions,
  METRIC_NAMES,
  METRICS_NAMESPACE,
  mcpMetric,
  queueDepthMetric,
  TOOL_NAMES,
  type ToolName,
} from "./metrics.ts";
export { INTERFACE_ENDPOINT_SERVICES, ServiceNetwork, type ServiceNetworkProps } from "./network.ts";
export { Observability, type ObservabilityProps } from "./observability.ts";
export { RunscriptStack, type RunscriptStackProps } from "./runscript-stack.ts";
export {
  SANDBOX_DENIED_ACTIONS,
  SandboxPermissionsBoundary,
  type SandboxPermissionsBoundaryProps,
} from "./sandbox-permissions-boundary.ts";
export {
  AGENT_TAG,
  RUN_ID_TAG,
  SANDBOX_ASSUME_ACTIONS,
  SANDBOX_ROLE_PATH,
  type SandboxRoleOptions,
  SandboxRoles,
  type SandboxRolesProps,
  SandboxTrustPrincipal,
  s3PrefixReadGrant,
  s3PrefixReadStatements,
} from "./sandbox-roles.ts";
export {
  DRAIN_MARGIN_SECONDS,
  READINESS_PATH,
  RunscriptService,
  type RunscriptServiceProps,
} from "./service.ts";
export { REPO_ROOT, serviceImage } from "./service-image.ts";
export {
  CONFIG_CONTAINER,
  CONFIG_PATH,
  SERVER_CONTAINER,
  SERVICE_PORT,
  SERVICE_USER,
  ServiceTaskDefinition,
  type ServiceTaskDefinitionProps,
} from "./task-definition.ts";
export { ServiceTaskRole } from "./task-role.ts";
export {
  TASK_TABLE_ACTIONS,
  TASK_TABLE_PARTITION_KEY,
  TASK_TABLE_TTL_ATTRIBUTE,
  TaskTable,
  type TaskTableProps,
} from "./task-table.ts";
