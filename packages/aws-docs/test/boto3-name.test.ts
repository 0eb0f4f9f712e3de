import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { boto3MethodName } from "../src/boto3-name.js";

// botocore itself is the reference: every operation of a few services, converted by both.
const SERVICES = ["s3", "ec2", "iam", "rds", "logs", "kms", "dynamodb", "cloudtrail", "config"];

describe("boto3MethodName", () => {
  it("matches botocore's xform_name for every operation of installed services", () => {
    const script = `
import json, sys, botocore.session
from botocore import xform_name
s = botocore.session.get_session()
out = {}
for name in ${JSON.stringify(SERVICES)}:
    for op in s.get_service_model(name).operation_names:
        out[op] = xform_name(op)
print(json.dumps(out))`;
    const expected = JSON.parse(execFileSync("python3", ["-c", script], { encoding: "utf8" })) as Record<
      string,
      string
    >;
    expect(Object.keys(expected).length).toBeGreaterThan(1000);
    const wrong = Object.entries(expected).filter(([op, method]) => boto3MethodName(op) !== method);
    expect(wrong).toEqual([]);
  });
});
