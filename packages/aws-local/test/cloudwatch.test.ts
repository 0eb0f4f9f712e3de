import {
  type CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalAws, startLocalAws } from "../src/index.js";
import { assume, cloudWatchClient, rejectionOf } from "./helpers.js";

describe("CloudWatch (AWS JSON 1.0)", () => {
  let aws: LocalAws;
  let cw: CloudWatchClient;
  // A fixed, minute-aligned base time keeps the period buckets predictable.
  const t0 = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
  const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
  const dims = [{ Name: "Function", Value: "audit" }];

  beforeAll(async () => {
    aws = await startLocalAws();
    cw = cloudWatchClient(aws, await assume(aws, "metrics"));
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "Runscript/Test",
        MetricData: [
          { MetricName: "Latency", Dimensions: dims, Timestamp: at(0), Value: 10, Unit: "Milliseconds" },
          { MetricName: "Latency", Dimensions: dims, Timestamp: at(30), Value: 30, Unit: "Milliseconds" },
          {
            MetricName: "Latency",
            Dimensions: dims,
            Timestamp: at(61),
            Values: [2, 4],
            Counts: [1, 3],
            Unit: "Milliseconds",
          },
          {
            MetricName: "Latency",
            Dimensions: [{ Name: "Function", Value: "other" }],
            Timestamp: at(5),
            Value: 1000,
            Unit: "Milliseconds",
          },
          { MetricName: "Calls", Dimensions: dims, Timestamp: at(1), Value: 1, Unit: "Count" },
        ],
      }),
    );
    await cw.send(
      new PutMetricDataCommand({
        Namespace: "Runscript/Other",
        MetricData: [
          {
            MetricName: "Calls",
            Timestamp: at(2),
            StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 },
          },
        ],
      }),
    );
  });
  afterAll(async () => {
    await aws.close();
  });

  it("stores datapoints and exposes them to tests", () => {
    const points = aws.metrics();
    expect(points).toHaveLength(6);
    expect(points[0]).toMatchObject({
      namespace: "Runscript/Test",
      metricName: "Latency",
      dimensions: [{ name: "Function", value: "audit" }],
      value: 10,
      unit: "Milliseconds",
      stats: { sampleCount: 1, sum: 10, minimum: 10, maximum: 10 },
    });
    expect(points[0]?.timestamp.getTime()).toBe(at(0).getTime());
    expect(points[2]).toMatchObject({ values: [2, 4], counts: [1, 3], stats: { sampleCount: 4, sum: 14 } });
    expect(points[5]).toMatchObject({ namespace: "Runscript/Other", stats: { sampleCount: 4, sum: 10 } });
  });

  it("GetMetricData computes Sum/Average/SampleCount/Maximum/Minimum per period", async () => {
    const stats = ["Sum", "Average", "SampleCount", "Maximum", "Minimum"] as const;
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: at(-60),
        EndTime: at(600),
        ScanBy: "TimestampAscending",
        MetricDataQueries: stats.map((s) => ({
          Id: `q${s.toLowerCase()}`,
          MetricStat: {
            Metric: { Namespace: "Runscript/Test", MetricName: "Latency", Dimensions: dims },
            Period: 60,
            Stat: s,
          },
        })),
      }),
    );
    const byId = new Map(out.MetricDataResults?.map((r) => [r.Id, r]));
    // Period [t0, t0+60): values 10 and 30. Period [t0+60, t0+120): 2 once and 4 three times.
    expect(byId.get("qsum")?.Values).toEqual([40, 14]);
    expect(byId.get("qaverage")?.Values).toEqual([20, 3.5]);
    expect(byId.get("qsamplecount")?.Values).toEqual([2, 4]);
    expect(byId.get("qmaximum")?.Values).toEqual([30, 4]);
    expect(byId.get("qminimum")?.Values).toEqual([10, 2]);
    expect(byId.get("qsum")?.Timestamps?.map((d) => d.getTime())).toEqual([
      at(0).getTime(),
      at(60).getTime(),
    ]);
    expect(byId.get("qsum")?.StatusCode).toBe("Complete");

    const wide = await cw.send(
      new GetMetricDataCommand({
        StartTime: at(-60),
        EndTime: at(600),
        MetricDataQueries: [
          {
            Id: "all",
            Label: "everything",
            MetricStat: {
              Metric: { Namespace: "Runscript/Test", MetricName: "Latency", Dimensions: dims },
              Period: 3600,
              Stat: "Sum",
            },
          },
          {
            Id: "stat",
            MetricStat: {
              Metric: { Namespace: "Runscript/Other", MetricName: "Calls" },
              Period: 3600,
              Stat: "Average",
            },
          },
        ],
      }),
    );
    const all = wide.MetricDataResults?.find((r) => r.Id === "all");
    expect(all?.Label).toBe("everything");
    expect(all?.Values?.reduce((a, b) => a + b, 0)).toBe(54);
    expect(wide.MetricDataResults?.find((r) => r.Id === "stat")?.Values).toEqual([2.5]);
  });

  it("ListMetrics filters by namespace, metric name and dimensions", async () => {
    const test = await cw.send(new ListMetricsCommand({ Namespace: "Runscript/Test" }));
    expect(test.Metrics).toHaveLength(3);
    const latency = await cw.send(
      new ListMetricsCommand({ Namespace: "Runscript/Test", MetricName: "Latency" }),
    );
    expect(latency.Metrics?.map((m) => m.Dimensions?.[0]?.Value).sort()).toEqual(["audit", "other"]);
    const audit = await cw.send(
      new ListMetricsCommand({ Dimensions: [{ Name: "Function", Value: "audit" }], MetricName: "Calls" }),
    );
    expect(audit.Metrics).toEqual([
      {
        Namespace: "Runscript/Test",
        MetricName: "Calls",
        Dimensions: [{ Name: "Function", Value: "audit" }],
      },
    ]);
    const none = await cw.send(new ListMetricsCommand({ Namespace: "Nope" }));
    expect(none.Metrics ?? []).toEqual([]);
  });

  it("answers query-compatible errors for invalid input", async () => {
    const reserved = await rejectionOf(() =>
      cw.send(
        new PutMetricDataCommand({ Namespace: "AWS/EC2", MetricData: [{ MetricName: "x", Value: 1 }] }),
      ),
    );
    expect(reserved.name).toBe("InvalidParameterValueException");
    expect(reserved.Code).toBe("InvalidParameterValue");
    expect((reserved.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);

    const math = await rejectionOf(() =>
      cw.send(
        new GetMetricDataCommand({
          StartTime: at(0),
          EndTime: at(60),
          MetricDataQueries: [{ Id: "m", Expression: "SUM(METRICS())" }],
        }),
      ),
    );
    expect(math.name).toBe("InvalidParameterValueException");
    expect(aws.metrics()).toHaveLength(6);
  });
});
