/**
 * In-memory CloudWatch metric store: datapoints as PutMetricData stored them, metric identities for
 * ListMetrics, and period statistics for GetMetricData.
 */

/** A metric dimension. */
export interface MetricDimension {
  name: string;
  value: string;
}

/** Aggregate of the samples in one stored datapoint (or one period). */
export interface SampleStats {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
}

/** One datum as stored from PutMetricData. */
export interface StoredDatapoint {
  namespace: string;
  metricName: string;
  /** Dimensions in the order sent. */
  dimensions: MetricDimension[];
  timestamp: Date;
  unit: string | undefined;
  /** `Value`, when the datum carried a single value. */
  value: number | undefined;
  /** `Values` / `Counts`, when the datum carried value arrays. */
  values: number[] | undefined;
  counts: number[] | undefined;
  /** Sample statistics of this datum (from Value, Values/Counts or StatisticValues). */
  stats: SampleStats;
}

/** A metric identity: namespace, name and the full dimension set. */
export interface MetricIdentity {
  namespace: string;
  metricName: string;
  dimensions: MetricDimension[];
}

/** The statistics GetMetricData computes. */
export type SupportedStat = "Sum" | "Average" | "SampleCount" | "Minimum" | "Maximum";

const STATS: ReadonlyMap<string, SupportedStat> = new Map<string, SupportedStat>([
  ["Sum", "Sum"],
  ["Average", "Average"],
  ["SampleCount", "SampleCount"],
  ["Minimum", "Minimum"],
  ["Maximum", "Maximum"],
]);

/** Looks a stat name up in the table of supported statistics. */
export function supportedStat(name: string): SupportedStat | undefined {
  return STATS.get(name);
}

function dimensionKey(dimensions: readonly MetricDimension[]): string {
  return JSON.stringify([...dimensions].map((d) => [d.name, d.value]).sort());
}

/** Key identifying a metric: namespace, name and the dimension set (order-insensitive). */
export function metricKey(m: MetricIdentity): string {
  return JSON.stringify([m.namespace, m.metricName, dimensionKey(m.dimensions)]);
}

/** One period of a GetMetricData result. */
export interface PeriodValue {
  /** Start of the period (epoch-aligned: a multiple of the period since 1970). */
  timestamp: Date;
  value: number;
}

/** Stores datapoints and answers queries over them. */
export class MetricStore {
  readonly #points: StoredDatapoint[] = [];

  /** Adds datapoints. */
  add(points: readonly StoredDatapoint[]): void {
    this.#points.push(...points);
  }

  /** Copies of all stored datapoints, in arrival order. */
  list(): StoredDatapoint[] {
    return this.#points.map((p) => ({
      ...p,
      dimensions: p.dimensions.map((d) => ({ ...d })),
      timestamp: new Date(p.timestamp),
      values: p.values ? [...p.values] : undefined,
      counts: p.counts ? [...p.counts] : undefined,
      stats: { ...p.stats },
    }));
  }

  /** Forgets all datapoints. */
  clear(): void {
    this.#points.length = 0;
  }

  /**
   * Distinct metric identities, filtered like ListMetrics: by namespace, metric name, and
   * dimensions (each filter dimension must be present; a filter value, if given, must match).
   */
  identities(filter: {
    namespace?: string | undefined;
    metricName?: string | undefined;
    dimensions?: ReadonlyArray<{ name: string; value?: string | undefined }> | undefined;
  }): MetricIdentity[] {
    const seen = new Map<string, MetricIdentity>();
    for (const p of this.#points) {
      if (filter.namespace !== undefined && p.namespace !== filter.namespace) continue;
      if (filter.metricName !== undefined && p.metricName !== filter.metricName) continue;
      const dims = filter.dimensions ?? [];
      const matches = dims.every((f) =>
        p.dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value)),
      );
      if (!matches) continue;
      const id: MetricIdentity = {
        namespace: p.namespace,
        metricName: p.metricName,
        dimensions: p.dimensions.map((d) => ({ ...d })),
      };
      const key = metricKey(id);
      if (!seen.has(key)) seen.set(key, id);
    }
    return [...seen.values()];
  }

  /**
   * Statistic per period for one metric (exact dimension set), over datapoints with
   * `start <= timestamp < end`, optionally only those stored with `unit`. Periods are aligned to
   * multiples of `periodSeconds` since the epoch. Periods without data are omitted, as in
   * CloudWatch. Result is in ascending time order.
   */
  query(
    metric: MetricIdentity,
    periodSeconds: number,
    stat: SupportedStat,
    start: Date,
    end: Date,
    unit?: string,
  ): PeriodValue[] {
    const key = metricKey(metric);
    const periodMs = periodSeconds * 1000;
    const buckets = new Map<number, SampleStats>();
    for (const p of this.#points) {
      const t = p.timestamp.getTime();
      if (t < start.getTime() || t >= end.getTime()) continue;
      if (unit !== undefined && p.unit !== unit) continue;
      if (metricKey(p) !== key) continue;
      const bucket = Math.floor(t / periodMs) * periodMs;
      const agg = buckets.get(bucket);
      if (agg === undefined) {
        buckets.set(bucket, { ...p.stats });
      } else {
        agg.sampleCount += p.stats.sampleCount;
        agg.sum += p.stats.sum;
        agg.minimum = Math.min(agg.minimum, p.stats.minimum);
        agg.maximum = Math.max(agg.maximum, p.stats.maximum);
      }
    }
    return [...buckets.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, s]) => ({ timestamp: new Date(bucket), value: statValue(s, stat) }));
  }
}

function statValue(s: SampleStats, stat: SupportedStat): number {
  switch (stat) {
    case "Sum":
      return s.sum;
    case "Average":
      return s.sampleCount === 0 ? 0 : s.sum / s.sampleCount;
    case "SampleCount":
      return s.sampleCount;
    case "Minimum":
      return s.minimum;
    case "Maximum":
      return s.maximum;
  }
}
