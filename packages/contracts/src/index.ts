/**
 * @runscript/contracts: names and numbers that the runtime and its deployment (`infra/`) must agree
 * on, defined once and imported by both. No dependencies, no runtime behaviour.
 */
export {
  COUNT_METRIC_NAMES,
  DURATION_METRIC_NAME,
  type InvocationClass,
  METRIC_NAMES,
  METRIC_TOOL_NAMES,
  METRICS_NAMESPACE,
  type MetricName,
  type MetricToolName,
  QUEUE_DEPTH_METRIC_NAME,
  TOOL_NAME_DIMENSION,
} from "./cloudwatch-metrics.js";
export { DEFAULT_PORT, HEALTH_PATH, MCP_PATH, METRICS_PATH, READINESS_PATH } from "./http-endpoints.js";
export { AGENT_TAG_KEY, RUN_ID_TAG_KEY } from "./session-tags.js";
