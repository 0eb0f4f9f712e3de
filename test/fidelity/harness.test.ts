/**
 * The oracle's own rules: what it normalises (request ids, the lane endpoint — nothing else), how it
 * diffs, which calls make it reset moto, and how script headers are read.
 */
import { describe, expect, it } from "vitest";
import { lineDiff } from "./harness/line-diff.ts";
import { comparable, normalise } from "./harness/normalise.ts";
import { parseScript } from "./harness/script-catalog.ts";
import { mayChangeState } from "./harness/state-change.ts";

const ENDPOINT = "http://127.0.0.1:40123";

describe("normalise", () => {
  it("replaces request ids in Python reprs and JSON, and the lane's endpoint", () => {
    const text =
      "{'RequestId': 'ABC123', 'HTTPStatusCode': 200, 'HTTPHeaders': {'x-amzn-requestid': 'ABC123', 'x-amz-id-2': 'Zm9v'}}\n" +
      '{"RequestId": "XYZ", "HostId": "h"}\nhttp://127.0.0.1:40123/123456789012/orders\n';
    expect(normalise(text, ENDPOINT)).toBe(
      "{'RequestId': '<request-id>', 'HTTPStatusCode': 200, 'HTTPHeaders': {'x-amzn-requestid': '<request-id>', 'x-amz-id-2': '<request-id>'}}\n" +
        '{"RequestId": "<request-id>", "HostId": "<request-id>"}\nhttp://<moto-endpoint>/123456789012/orders\n',
    );
  });

  it("keeps everything else: timestamps, numbers, types, other ports, other ids", () => {
    const text =
      "datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=tzlocal()) 5.0 5 http://127.0.0.1:40124/x " +
      "{'KeyId': 'abc', 'requestId': 'keep-me', 'RequestIdentifier': 'r'}\n";
    expect(normalise(text, ENDPOINT)).toBe(text);
  });

  it("makes the outcome part of the compared text", () => {
    const run = { stdout: "a", stderr: "ignored", calls: [], ms: 1 };
    expect(comparable({ ...run, outcome: { status: "ok" } }, ENDPOINT)).toBe(
      "a\n[no newline at end]\n=> ok\n",
    );
    expect(
      comparable(
        { ...run, stdout: "", outcome: { status: "exception", type: "ClientError", message: "m" } },
        ENDPOINT,
      ),
    ).toBe("=> raised ClientError: m\n");
  });
});

describe("lineDiff", () => {
  it("is null for equal texts and marks boto3-only and runscript-only lines", () => {
    expect(lineDiff("a\nb\n", "a\nb\n")).toBeNull();
    expect(lineDiff("a\nb\nc\n", "a\nB\nc\n")).toBe("--- boto3 (CPython)\n+++ runscript\n a\n-b\n+B\n c\n");
  });

  it("folds long runs of equal lines", () => {
    const same = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const diff = lineDiff(`${same}\nx\n`, `${same}\ny\n`)!;
    expect(diff).toContain("@@ 17 equal lines @@");
    expect(diff).toContain("-x\n+y\n");
  });
});

describe("mayChangeState", () => {
  it("treats reads as reads and everything else as a possible change", () => {
    for (const read of [
      "s3.ListBuckets",
      "s3.GetObject",
      "s3.HeadBucket",
      "ec2.DescribeInstances",
      "dynamodb.Scan",
    ])
      expect(mayChangeState(read), read).toBe(false);
    for (const write of [
      "s3.PutObject",
      "iam.GenerateCredentialReport",
      "sqs.ReceiveMessage",
      "s3.Getaway",
      "kms.Encrypt",
    ])
      expect(mayChangeState(write), write).toBe(true);
  });
});

describe("script headers", () => {
  const header = (lines: string) => parseScript("/x/s3_thing.py", `${lines}\nimport boto3\n`);

  it("reads expectation, fixtures, services and points", () => {
    expect(
      header(
        "# fidelity: pending #12 Body is bytes\n# seed: s3, iam\n# services: s3\n# points: streaming-body",
      ),
    ).toMatchObject({
      name: "s3_thing",
      expectation: { kind: "pending", issue: 12, reason: "Body is bytes" },
      fixtures: ["s3", "iam"],
      services: ["s3"],
      points: ["streaming-body"],
    });
    expect(
      header("# fidelity: differs — endpoint_url is the operator's choice\n# services: s3").expectation,
    ).toEqual({
      kind: "differs",
      reason: "endpoint_url is the operator's choice",
    });
  });

  it("refuses a header without an expectation, a reason or a service", () => {
    expect(() => header("# services: s3")).toThrow(/no '# fidelity:'/);
    expect(() => header("# fidelity: pending\n# services: s3")).toThrow();
    expect(() => header("# fidelity: differs\n# services: s3")).toThrow();
    expect(() => header("# fidelity: match")).toThrow(/bad header/);
  });
});
