/**
 * Parameter validation cost per call (issue 11: at most 0.1 ms): parsing the request's params the
 * way the bridge does (float lexemes kept) and validating them against botocore's input shape, for
 * typical audit calls and one large request.
 */
import { botocoreService, parseRequestJson, validateParams } from "@runscript/aws-bridge";

const CASES = [
  ["s3", "GetBucketAcl", { Bucket: "audit-bucket-0001" }],
  ["s3", "ListObjectsV2", { Bucket: "audit-bucket-0001", Prefix: "logs/", MaxKeys: 1000 }],
  [
    "ec2",
    "DescribeInstances",
    {
      Filters: [
        { Name: "instance-state-name", Values: ["running", "stopped"] },
        { Name: "tag:team", Values: ["a", "b", "c"] },
      ],
      MaxResults: 100,
    },
  ],
  [
    "cloudwatch",
    "GetMetricStatistics",
    {
      Namespace: "AWS/EC2",
      MetricName: "CPUUtilization",
      Dimensions: [{ Name: "InstanceId", Value: "i-0123456789abcdef0" }],
      StartTime: { $date: "2026-01-01T00:00:00Z" },
      EndTime: { $date: "2026-01-02T00:00:00Z" },
      Period: 3600,
      Statistics: ["Average", "Maximum"],
    },
  ],
  ["ec2", "DescribeInstances (1,000 ids)", { InstanceIds: Array.from({ length: 1000 }, (_, i) => `i-${i}`) }],
];

export function benchValidation() {
  for (const [service, label, params] of CASES) {
    const operation = label.split(" ")[0];
    const model = botocoreService(service);
    const shape = model.operations[operation][1];
    const text = JSON.stringify(params);
    const n = text.length > 1000 ? 2000 : 20000;
    for (let i = 0; i < 1000; i++) validateParams(parseRequestJson(text), model.shapes, shape);
    let t = performance.now();
    for (let i = 0; i < n; i++) JSON.parse(text);
    const plain = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < n; i++) {
      const p = parseRequestJson(text);
      if (validateParams(p, model.shapes, shape).problems.length > 0) throw new Error(`${label} invalid`);
    }
    const full = (performance.now() - t) / n;
    console.log(
      `  ${service}.${label}: ${(full * 1000).toFixed(1)} us per call (parse with lexemes + validate), ` +
        `${((full - plain) * 1000).toFixed(1)} us over a plain JSON.parse`,
    );
  }
}
