/**
 * Publishes the `AWS-MCP` metrics operators know from AWS's managed MCP server (Invocation, Success,
 * UserError, SystemError, Throttle; dimension ToolName), plus RunDuration (ms), AwsCalls,
 * PolicyDenials, Timeouts and QueueDepth, batched: one PutMetricData per flush interval.
 */
import {
  CloudWatchClient,
  type MetricDatum,
  PutMetricDataCommand,
  type StandardUnit,
} from "@aws-sdk/client-cloudwatch";
import {
  COUNT_METRIC_NAMES,
  DURATION_METRIC_NAME,
  type MetricName,
  QUEUE_DEPTH_METRIC_NAME,
  TOOL_NAME_DIMENSION,
} from "@runscript/contracts";
import { type Clock, systemClock } from "@runscript/runner";
import type { Logger } from "pino";
import type { InvocationEvent } from "./metrics.js";

export interface CloudWatchPublisherOptions {
  namespace: string;
  region: string;
  endpoint?: string | undefined;
  flushIntervalMs: number;
  logger: Logger;
  queueDepth: () => number;
  /** Credentials for tests against local endpoints; default: the SDK's provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Times the flushes (tests advance a manual clock); default: the system's. */
  clock?: Clock | undefined;
}

interface Aggregate {
  counts: Map<MetricName, number>;
  durations: number[];
}

export class CloudWatchPublisher {
  readonly #client: CloudWatchClient;
  readonly #options: CloudWatchPublisherOptions;
  readonly #clock: Clock;
  #cancelFlush: () => void = () => {};
  #closed = false;
  #byTool = new Map<string, Aggregate>();
  #inflight: Promise<void> = Promise.resolve();

  constructor(options: CloudWatchPublisherOptions) {
    this.#options = options;
    this.#client = new CloudWatchClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    this.#clock = options.clock ?? systemClock;
    this.#scheduleFlush();
  }

  /** Flushes every `flushIntervalMs` until closed. */
  #scheduleFlush(): void {
    if (this.#closed) return;
    this.#cancelFlush = this.#clock.setTimeout(() => {
      void this.flush();
      this.#scheduleFlush();
    }, this.#options.flushIntervalMs);
  }

  /** Counts one invocation into the current batch. */
  record(e: InvocationEvent): void {
    const agg: Aggregate = this.#byTool.get(e.tool) ?? {
      counts: new Map<MetricName, number>(),
      durations: [],
    };
    this.#byTool.set(e.tool, agg);
    const add = (name: MetricName, n = 1) => agg.counts.set(name, (agg.counts.get(name) ?? 0) + n);
    add("Invocation");
    add(e.outcome);
    if (e.status === "timeout") add("Timeouts");
    add("AwsCalls", e.apiCalls.length);
    add("PolicyDenials", e.apiCalls.filter((c) => c.status === "denied").length);
    agg.durations.push(e.durationMs);
  }

  /** Sends what was collected since the last flush (one PutMetricData per 1000 datapoints). */
  flush(): Promise<void> {
    const batch = this.#byTool;
    this.#byTool = new Map();
    const timestamp = new Date(this.#clock.now());
    const data: MetricDatum[] = [];
    const datum = (name: string, tool: string, value: number, unit: StandardUnit): MetricDatum => ({
      MetricName: name,
      Dimensions: [{ Name: TOOL_NAME_DIMENSION, Value: tool }],
      Timestamp: timestamp,
      Value: value,
      Unit: unit,
    });
    for (const [tool, agg] of batch) {
      for (const name of COUNT_METRIC_NAMES) {
        data.push(datum(name, tool, agg.counts.get(name) ?? 0, "Count"));
      }
      if (agg.durations.length > 0) {
        data.push({
          MetricName: DURATION_METRIC_NAME,
          Dimensions: [{ Name: TOOL_NAME_DIMENSION, Value: tool }],
          Timestamp: timestamp,
          Unit: "Milliseconds",
          StatisticValues: {
            SampleCount: agg.durations.length,
            Sum: agg.durations.reduce((a, b) => a + b, 0),
            Minimum: Math.min(...agg.durations),
            Maximum: Math.max(...agg.durations),
          },
        });
      }
    }
    data.push(datum(QUEUE_DEPTH_METRIC_NAME, "run_script", this.#options.queueDepth(), "Count"));
    const send = async () => {
      for (let i = 0; i < data.length; i += 1000) {
        try {
          await this.#client.send(
            new PutMetricDataCommand({
              Namespace: this.#options.namespace,
              MetricData: data.slice(i, i + 1000),
            }),
          );
        } catch (error) {
          this.#options.logger.warn(
            { event: "cloudwatch_publish_failed", err: (error as Error).name },
            "CloudWatch PutMetricData failed",
          );
        }
      }
    };
    this.#inflight = this.#inflight.then(send);
    return this.#inflight;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#cancelFlush();
    await this.flush();
    this.#client.destroy();
  }
}
