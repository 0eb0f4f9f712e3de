/**
 * @runscript/server: the MCP façade. `run_script`, `call_aws`, `get_task` and `list_tasks` over
 * Streamable HTTP (hono) and stdio, with bearer-token principals, quotas, tasks and metrics.
 */
export { Authenticator } from "./auth.js";
export { CloudWatchPublisher, type CloudWatchPublisherOptions } from "./cloudwatch-publisher.js";
export {
  isLoopback,
  LocalPrincipalSchema,
  loadConfig,
  type Principal,
  PrincipalSchema,
  parseConfig,
  principalConfig,
  type ServerConfig,
  type ServerConfigInput,
  ServerConfigSchema,
} from "./config.js";
export { DynamoDbTaskStore, type DynamoDbTaskStoreOptions } from "./dynamodb-task-store.js";
export { ERROR_TABLE, ServerError, type ServerErrorCode } from "./errors.js";
export { type InvocationClass, type InvocationEvent, ServerMetrics } from "./metrics.js";
export { QuotaGate } from "./quotas.js";
export { limitsFromArgs, type RunScriptArgs, RunScriptInputSchema } from "./run-script-args.js";
export {
  type AwsCaller,
  type RunScriptOutcome,
  RunService,
  type RunServiceDeps,
  type ScriptRunner,
} from "./run-service.js";
export { type RunscriptServer, type StartOptions, serveStdio, startServer } from "./server.js";
export { InMemoryTaskStore, type TaskRecord, type TaskStore } from "./task-store.js";
export { createMcpServer, RunScriptOutputSchema, type ToolExtras } from "./tools.js";
