/**
 * The CloudWatch metrics the server publishes and `infra/` graphs, alarms and scales on: namespace,
 * dimension, metric names and which tools carry them. A metric published under another name or
 * dimension is a different CloudWatch metric that the dashboards would never see.
 */

/** CloudWatch namespace (the default of `metrics.cloudwatch.namespace`), as AWS's managed MCP server. */
export const METRICS_NAMESPACE = "AWS-MCP";

/** The one dimension of every metric; its value is the tool name. */
export const TOOL_NAME_DIMENSION = "ToolName";

/** Tools that publish metrics, i.e. the values of the `ToolName` dimension. */
export const METRIC_TOOL_NAMES = ["run_script", "call_aws"] as const;
export type MetricToolName = (typeof METRIC_TOOL_NAMES)[number];

/** Counts per tool and flush interval (unit `Count`), in publishing order. */
export const COUNT_METRIC_NAMES = [
  "Invocation",
  "Success",
  "UserError",
  "SystemError",
  "Throttle",
  "Timeouts",
  "AwsCalls",
  "PolicyDenials",
] as const;

/** Run duration per tool, published as statistic sets (unit `Milliseconds`). */
export const DURATION_METRIC_NAME = "RunDuration";

/** Runs waiting for a sandbox on one node (a gauge, unit `Count`), published with `ToolName=run_script`. */
export const QUEUE_DEPTH_METRIC_NAME = "QueueDepth";

/** Every metric name of the namespace. */
export const METRIC_NAMES = [...COUNT_METRIC_NAMES, DURATION_METRIC_NAME, QUEUE_DEPTH_METRIC_NAME] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The outcome class of one invocation: a count metric of its own (as AWS's managed MCP server). */
export type InvocationClass = "Success" | "UserError" | "SystemError" | "Throttle";
