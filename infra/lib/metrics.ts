/**
 * The server's CloudWatch metrics, as the infra reads them: one place that names the namespace, the
 * metric names, their dimension and units, shared by the scaling policies, the dashboard and alarms.
 *
 * Contract with the server's CloudWatch publisher (names from `@runscript/contracts`, which the
 * publisher imports too): namespace `AWS-MCP`; every metric carries the
 * dimension `ToolName` (`run_script` or `call_aws`). `QueueDepth` is a gauge of runs waiting for a
 * sandbox on one task, published with `ToolName=run_script` (only `run_script` uses the sandbox pool).
 * A metric published with other dimensions is a different CloudWatch metric and is not seen here.
 */

import {
  METRIC_NAMES,
  METRIC_TOOL_NAMES,
  METRICS_NAMESPACE,
  type MetricName,
  type MetricToolName,
  TOOL_NAME_DIMENSION,
} from "@runscript/contracts";
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";

/** The names the server publishes under, owned by `@runscript/contracts` (re-exported for infra users). */
export { METRIC_NAMES, METRICS_NAMESPACE };

/** The tools, i.e. the values of the `ToolName` dimension. */
export const TOOL_NAMES = METRIC_TOOL_NAMES;

/** A value of the `ToolName` dimension. */
export type ToolName = MetricToolName;

/** A metric name of the `AWS-MCP` namespace. */
export type McpMetricName = MetricName;

/** Options of {@link mcpMetric}. */
export interface McpMetricOptions {
  /** Statistic, e.g. `Sum`, `Average`, `Maximum`, `p99`. Default `Sum`. */
  readonly statistic?: string;
  /** Aggregation period. Default 1 minute. */
  readonly period?: Duration;
  /** Graph label. */
  readonly label?: string;
}

/**
 * One `AWS-MCP` metric for one tool.
 *
 * @example
 * ```ts
 * const p99 = mcpMetric("RunDuration", "run_script", { statistic: "p99" });
 * ```
 */
export function mcpMetric(
  name: McpMetricName,
  tool: ToolName,
  options: McpMetricOptions = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { [TOOL_NAME_DIMENSION]: tool },
    statistic: options.statistic ?? "Sum",
    period: options.period ?? Duration.minutes(1),
    label: options.label ?? `${name} ${tool}`,
  });
}

/** The queue-depth gauge used for scaling: average queued runs per task over one minute. */
export function queueDepthMetric(statistic = "Average"): cloudwatch.Metric {
  return mcpMetric("QueueDepth", "run_script", { statistic, label: `QueueDepth (${statistic})` });
}

/**
 * A percentage `100 * numerator / Invocation` over both tools, as metric math. Missing data points
 * count as zero, so an idle service reads 0 %, not "no data".
 */
export function fleetRatePercent(
  numerator: McpMetricName,
  label: string,
  period: Duration = Duration.minutes(5),
): cloudwatch.MathExpression {
  const usingMetrics: Record<string, cloudwatch.IMetric> = {};
  const nums: string[] = [];
  const dens: string[] = [];
  // Ids are unique per numerator so several rates can share one graph.
  const prefix = numerator.toLowerCase();
  TOOL_NAMES.forEach((tool, index) => {
    usingMetrics[`${prefix}_n${index}`] = mcpMetric(numerator, tool, { period });
    usingMetrics[`${prefix}_d${index}`] = mcpMetric("Invocation", tool, { period });
    nums.push(`FILL(${prefix}_n${index}, 0)`);
    dens.push(`FILL(${prefix}_d${index}, 0)`);
  });
  const numeratorSum = nums.join(" + ");
  const denominatorSum = dens.join(" + ");
  return new cloudwatch.MathExpression({
    expression: `IF((${denominatorSum}) > 0, 100 * (${numeratorSum}) / (${denominatorSum}), 0)`,
    usingMetrics,
    label,
    period,
  });
}
