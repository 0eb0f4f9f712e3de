/**
 * CloudWatch over AWS JSON 1.0, which is what the installed @aws-sdk/client-cloudwatch (3.11xx)
 * sends: `POST /`, `Content-Type: application/x-amz-json-1.0`,
 * `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, `x-amzn-query-mode: true`
 * (query-compatible errors via the `x-amzn-query-error: Code;Type` response header).
 * Serves PutMetricData, ListMetrics and GetMetricData (MetricStat queries only).
 */
import { z } from "zod";
import { AwsServiceError } from "./errors.js";
import { type MetricStore, type StoredDatapoint, supportedStat } from "./metric-store.js";

/** The `X-Amz-Target` prefix of CloudWatch operations. */
export const CLOUDWATCH_TARGET_PREFIX = "GraniteServiceVersion20100801.";

/** Page size of ListMetrics (as CloudWatch: 500). */
export const LIST_METRICS_PAGE_SIZE = 500;

/** Epoch seconds (number) or an ISO-8601 / numeric string, as JSON protocols may send. */
const TimestampSchema = z
  .union([z.number(), z.string()])
  .transform((v) =>
    typeof v === "number"
      ? new Date(v * 1000)
      : /^\d+(\.\d+)?$/.test(v)
        ? new Date(Number(v) * 1000)
        : new Date(v),
  )
  .refine((d) => !Number.isNaN(d.getTime()), "invalid timestamp");

const DimensionSchema = z.object({ Name: z.string().min(1).max(255), Value: z.string().min(1).max(1024) });

const MetricDatumSchema = z
  .object({
    MetricName: z.string().min(1).max(255),
    Dimensions: z.array(DimensionSchema).max(30).optional(),
    Timestamp: TimestampSchema.optional(),
    Value: z.number().optional(),
    Values: z.array(z.number()).max(150).optional(),
    Counts: z.array(z.number().nonnegative()).max(150).optional(),
    StatisticValues: z
      .object({
        SampleCount: z.number().positive(),
        Sum: z.number(),
        Minimum: z.number(),
        Maximum: z.number(),
      })
      .optional(),
    Unit: z.string().optional(),
    StorageResolution: z.number().int().optional(),
  })
  .refine(
    (d) => [d.Value, d.Values, d.StatisticValues].filter((x) => x !== undefined).length === 1,
    "exactly one of Value, Values and StatisticValues must be given",
  )
  .refine(
    (d) => d.Counts === undefined || (d.Values !== undefined && d.Counts.length === d.Values.length),
    "Counts must have the same length as Values",
  );

/** PutMetricData input. */
export const PutMetricDataInputSchema = z.object({
  Namespace: z
    .string()
    .min(1)
    .max(255)
    .refine((ns) => !ns.startsWith("AWS/"), "the AWS/ namespace prefix is reserved"),
  MetricData: z.array(MetricDatumSchema).min(1).max(1000),
});

const MetricSchema = z.object({
  Namespace: z.string().min(1),
  MetricName: z.string().min(1),
  Dimensions: z.array(DimensionSchema).max(30).optional(),
});

/** GetMetricData input (MetricStat queries; metric math is not evaluated). */
export const GetMetricDataInputSchema = z.object({
  MetricDataQueries: z
    .array(
      z.object({
        Id: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,254}$/, "Id must start with a lower-case letter"),
        MetricStat: z
          .object({
            Metric: MetricSchema,
            Period: z.number().int().positive(),
            Stat: z.string().min(1),
            Unit: z.string().optional(),
          })
          .optional(),
        Expression: z.string().optional(),
        Label: z.string().optional(),
        ReturnData: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(500),
  StartTime: TimestampSchema,
  EndTime: TimestampSchema,
  ScanBy: z.enum(["TimestampDescending", "TimestampAscending"]).optional(),
  MaxDatapoints: z.number().int().positive().optional(),
  NextToken: z.string().optional(),
});

/** ListMetrics input. */
export const ListMetricsInputSchema = z.object({
  Namespace: z.string().min(1).optional(),
  MetricName: z.string().min(1).optional(),
  Dimensions: z
    .array(z.object({ Name: z.string().min(1), Value: z.string().optional() }))
    .max(10)
    .optional(),
  NextToken: z.string().optional(),
});

function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AwsServiceError(
      400,
      "InvalidParameterValue",
      `${issue?.path.join(".") || "request"}: ${issue?.message ?? "invalid value"}`,
    );
  }
  return parsed.data;
}

function toStored(namespace: string, d: z.infer<typeof MetricDatumSchema>): StoredDatapoint {
  const base = {
    namespace,
    metricName: d.MetricName,
    dimensions: (d.Dimensions ?? []).map((x) => ({ name: x.Name, value: x.Value })),
    timestamp: d.Timestamp ?? new Date(),
    unit: d.Unit,
    value: d.Value,
    values: d.Values,
    counts: d.Counts,
  };
  if (d.StatisticValues !== undefined) {
    const s = d.StatisticValues;
    return {
      ...base,
      stats: { sampleCount: s.SampleCount, sum: s.Sum, minimum: s.Minimum, maximum: s.Maximum },
    };
  }
  const values = d.Values ?? [d.Value ?? 0];
  const counts = d.Counts ?? values.map(() => 1);
  let sampleCount = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sampleCount += counts[i]!;
    sum += values[i]! * counts[i]!;
  }
  return {
    ...base,
    stats: { sampleCount, sum, minimum: Math.min(...values), maximum: Math.max(...values) },
  };
}

function putMetricData(body: unknown, store: MetricStore): unknown {
  const input = parseInput(PutMetricDataInputSchema, body);
  store.add(input.MetricData.map((d) => toStored(input.Namespace, d)));
  return {};
}

function listMetrics(body: unknown, store: MetricStore): unknown {
  const input = parseInput(ListMetricsInputSchema, body);
  const all = store.identities({
    namespace: input.Namespace,
    metricName: input.MetricName,
    dimensions: input.Dimensions?.map((d) => ({ name: d.Name, value: d.Value })),
  });
  const offset = input.NextToken === undefined ? 0 : Number.parseInt(input.NextToken, 10);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new AwsServiceError(400, "InvalidNextToken", "The NextToken is not valid");
  }
  const page = all.slice(offset, offset + LIST_METRICS_PAGE_SIZE);
  const next =
    offset + LIST_METRICS_PAGE_SIZE < all.length ? String(offset + LIST_METRICS_PAGE_SIZE) : undefined;
  return {
    Metrics: page.map((m) => ({
      Namespace: m.namespace,
      MetricName: m.metricName,
      Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    })),
    ...(next !== undefined ? { NextToken: next } : {}),
  };
}

function getMetricData(body: unknown, store: MetricStore): unknown {
  const input = parseInput(GetMetricDataInputSchema, body);
  if (input.EndTime.getTime() <= input.StartTime.getTime()) {
    throw new AwsServiceError(
      400,
      "InvalidParameterValue",
      "The parameter StartTime must be less than EndTime",
    );
  }
  const descending = (input.ScanBy ?? "TimestampDescending") === "TimestampDescending";
  const results = [];
  for (const q of input.MetricDataQueries) {
    if (q.Expression !== undefined || q.MetricStat === undefined) {
      throw new AwsServiceError(
        400,
        "InvalidParameterValue",
        `Query ${q.Id}: aws-local serves MetricStat queries only (no metric math expressions)`,
      );
    }
    const stat = supportedStat(q.MetricStat.Stat);
    if (stat === undefined) {
      throw new AwsServiceError(
        400,
        "InvalidParameterValue",
        `Query ${q.Id}: statistic ${q.MetricStat.Stat} is not supported by aws-local (Sum, Average, SampleCount, Minimum, Maximum)`,
      );
    }
    const metric = q.MetricStat.Metric;
    const points = store.query(
      {
        namespace: metric.Namespace,
        metricName: metric.MetricName,
        dimensions: (metric.Dimensions ?? []).map((d) => ({ name: d.Name, value: d.Value })),
      },
      q.MetricStat.Period,
      stat,
      input.StartTime,
      input.EndTime,
      q.MetricStat.Unit,
    );
    if (descending) points.reverse();
    if (q.ReturnData === false) continue;
    results.push({
      Id: q.Id,
      Label: q.Label ?? metric.MetricName,
      Timestamps: points.map((p) => p.timestamp.getTime() / 1000),
      Values: points.map((p) => p.value),
      StatusCode: "Complete",
      Messages: [],
    });
  }
  return { MetricDataResults: results, Messages: [] };
}

type CloudWatchHandler = (body: unknown, store: MetricStore) => unknown;

/** The CloudWatch operations aws-local serves. */
const OPERATIONS: ReadonlyMap<string, CloudWatchHandler> = new Map<string, CloudWatchHandler>([
  ["PutMetricData", putMetricData],
  ["ListMetrics", listMetrics],
  ["GetMetricData", getMetricData],
]);

/** The operation named by an `X-Amz-Target` header, or `undefined` if it is not a CloudWatch target. */
export function cloudWatchOperation(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith(CLOUDWATCH_TARGET_PREFIX)) return undefined;
  return target.slice(CLOUDWATCH_TARGET_PREFIX.length);
}

/** Runs a CloudWatch operation on a parsed JSON body; returns the JSON output object. */
export function runCloudWatchOperation(operation: string, body: unknown, store: MetricStore): unknown {
  const handler = OPERATIONS.get(operation);
  if (handler === undefined) {
    throw new AwsServiceError(
      400,
      "InvalidAction",
      `The action ${operation} is not valid for this web service.`,
    );
  }
  return handler(body, store);
}
