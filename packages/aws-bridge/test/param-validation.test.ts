import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { botocoreService } from "../src/botocore-data.js";
import { AwsBridge } from "../src/bridge.js";
import { MAX_PROBLEMS, renderReport, validateParams } from "../src/param-validation.js";
import { keepFloatLexemes } from "../src/py-values.js";

const here = dirname(fileURLToPath(import.meta.url));

/** [service, operation, params as a Python expression]: each checked against botocore itself. */
const CASES: [string, string, string][] = [
  ["s3", "ListObjectsV2", "{'Bucket': 'b', 'MaxKey': 5}"],
  ["s3", "ListObjectsV2", "{}"],
  ["s3", "ListObjectsV2", "{'Bucket': 'b', 'MaxKeys': 5.0}"],
  ["s3", "ListObjectsV2", "{'Bucket': 'b', 'MaxKeys': '5'}"],
  ["s3", "ListObjectsV2", "{'Bucket': 'b', 'MaxKeys': True}"],
  ["s3", "ListObjectsV2", "{'Bucket': 'b', 'FetchOwner': 1}"],
  ["s3", "GetObject", "{'Bucket': 'b'}"],
  ["s3", "GetObject", "{'Bucket': '', 'Key': ''}"],
  ["s3", "PutObject", "{'Bucket': 'b', 'Key': 'k', 'Body': 5}"],
  ["s3", "PutObject", "{'Bucket': 'b', 'Key': 'k', 'Body': 'text', 'Metadata': {'a': 1}}"],
  ["ec2", "DescribeInstances", "{'Filters': {'Name': 'x', 'Values': ['y']}}"],
  ["ec2", "DescribeInstances", "{'InstanceIds': 'i-123'}"],
  ["ec2", "DescribeInstances", "{'Filters': [{'Name': 'x', 'Values': 'y'}], 'MaxResults': 'ten'}"],
  ["ec2", "DescribeInstances", "{'InstanceIds': ['i-1', 2, None]}"],
  ["iam", "GetRole", "{'RoleName': 'r', 'Extra': 1, 'Other': None}"],
  ["iam", "CreateRole", "{'Path': '/', 'Tags': [{'Key': 'k'}]}"],
  [
    "cloudwatch",
    "GetMetricStatistics",
    "{'Namespace': 'n', 'MetricName': 'm', 'StartTime': 'not a date', 'EndTime': 1700000000, 'Period': 60, 'Statistics': ['Average']}",
  ],
  [
    "cloudwatch",
    "PutMetricData",
    "{'Namespace': 'n', 'MetricData': [{'MetricName': 'm', 'Value': 'x'}, {'MetricName': 'm', 'Value': 1}]}",
  ],
  ["dynamodb", "GetItem", "{'TableName': 't', 'Key': {'pk': {'S': 1}}}"],
  [
    "dynamodb",
    "Query",
    "{'TableName': 't', 'Limit': 0, 'ExpressionAttributeValues': {':v': {'N': '1', 'S': 'x'}}}",
  ],
  ["sqs", "SendMessage", "{'QueueUrl': 'u', 'MessageBody': 'b', 'DelaySeconds': 1.5}"],
  ["logs", "FilterLogEvents", "{'logGroupName': 'g', 'startTime': 1, 'limit': 0, 'interleaved': 'yes'}"],
  ["kms", "Encrypt", "{'KeyId': 'k', 'Plaintext': 'hello', 'EncryptionContext': {'$weird': 2}}"],
  ["lambda", "Invoke", "{'FunctionName': 'f', 'Payload': b'{}', 'Qualifier': decimal.Decimal('1')}"],
  ["sts", "GetCallerIdentity", "{'Foo': 'bar'}"],
];

function botocore(cases: [string, string, string][]): { report: string; encoded: string }[] {
  const input = cases
    .map(([service, operation, params]) => JSON.stringify({ service, operation, params }))
    .join("\n");
  const out = execFileSync("python3", [join(here, "fixtures", "botocore-validate.py")], {
    input,
    encoding: "utf8",
  });
  return out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { report: string; encoded: string });
}

describe("parameter validation matches botocore", () => {
  it("reports every problem with botocore's text, side by side with botocore itself", () => {
    const expected = botocore(CASES);
    CASES.forEach(([service, operation, expr], i) => {
      const want = expected[i]!;
      const model = botocoreService(service)!;
      const params = JSON.parse(want.encoded, keepFloatLexemes) as Record<string, unknown>;
      const result = validateParams(params, model.shapes, model.operations[operation]![1]);
      expect(renderReport(params, result), `${service}.${operation}(${expr})`).toBe(want.report);
    });
  });

  it("answers a validation error with kind, report and problems, and sends nothing", async () => {
    const bridge = new AwsBridge({
      logger: pino({ level: "silent" }),
      config: { endpoint: "http://127.0.0.1:9" },
    });
    const run = bridge.forRun({ principal: { name: "a" }, runId: "r" });
    const answer = JSON.parse(
      await run.handle(
        JSON.stringify({
          op: "aws.call",
          service: "s3",
          operation: "list_objects_v2",
          params: { MaxKey: 5 },
        }),
      ),
    );
    expect(answer.ok).toBe(false);
    expect(answer.error.kind).toBe("validation");
    expect(answer.error.report.split("\n")).toEqual([
      'Missing required parameter in input: "Bucket"',
      expect.stringMatching(/^Unknown parameter in input: "MaxKey", must be one of: Bucket, Delimiter, /),
    ]);
    expect(answer.error.problems[1]).toMatchObject({
      type: "unknown field",
      path: [],
      unknown_param: "MaxKey",
    });
    expect(run.calls()[0]?.errorCode).toBe("ParamValidation");
    await bridge.close();
  });

  it("bounds the problems of a hostile list and stays fast", () => {
    const model = botocoreService("ec2")!;
    const params = { InstanceIds: Array.from({ length: 100_000 }, (_, i) => i) };
    const result = validateParams(params, model.shapes, model.operations.DescribeInstances![1]);
    expect(result.problems).toHaveLength(MAX_PROBLEMS);
    expect(result.dropped).toBeGreaterThan(0);
    expect(renderReport(params, result).split("\n").at(-1)).toMatch(/more problems not listed/);
  });
});
