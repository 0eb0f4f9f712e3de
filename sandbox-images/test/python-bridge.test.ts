/**
 * The Python side of the AWS bridge (sandbox-images/python/**), run in real Pyodide under Node.
 *
 * The host is a fake in this file: `_runscript_host.call_sync` / `call_async` record every payload and
 * answer with canned JSON following packages/aws-bridge/src/protocol.ts. That is the unit level of the
 * bridge; the real host and sandbox are tested in their own packages.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

type PyodideInterface = Awaited<ReturnType<typeof loadPyodide>>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Request = { [key: string]: Json };
type Answer = { ok: true; value: Json } | { ok: false; error: BridgeErrorValue };
type BridgeErrorValue = {
  code: string;
  message: string;
  httpStatus: number | null;
  requestId: string | null;
  operation: string | null;
};
type Handler = (request: Request) => Answer;

const pythonDir = join(dirname(fileURLToPath(import.meta.url)), "..", "python");
const LIB = "/runscript/lib";

let pyodide: PyodideInterface;
/** Every payload the Python side sent, as raw strings, with the channel it used. */
let sent: { channel: "sync" | "async"; payload: string }[] = [];
let handler: Handler = () => ({ ok: true, value: {} });
/** How the fake host answers `call_async`; by default after a macrotask, with `handler`. */
let asyncHost: (payload: string) => Promise<string> = async (payload) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return JSON.stringify(handler(JSON.parse(payload) as Request));
};

function requests(): Request[] {
  return sent.map((s) => JSON.parse(s.payload) as Request);
}

function listPythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "__pycache__" ? [] : listPythonFiles(full);
    return name.endsWith(".py") ? [full] : [];
  });
}

/** Runs `code` (top-level await allowed) in a fresh namespace; returns `result` as JSON-decoded data. */
async function py(code: string): Promise<Json> {
  const ns = pyodide.globals.get("dict")();
  try {
    await pyodide.runPythonAsync(code, { globals: ns });
    const json = pyodide.runPython("import json as _j\n_j.dumps(result, default=repr)", { globals: ns });
    return JSON.parse(String(json)) as Json;
  } finally {
    ns.destroy();
  }
}

function ok(value: Json): Answer {
  return { ok: true, value };
}

beforeAll(async () => {
  pyodide = await loadPyodide();
  for (const file of listPythonFiles(pythonDir)) {
    const target = `${LIB}/${relative(pythonDir, file).split("\\").join("/")}`;
    pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
    pyodide.FS.writeFile(target, readFileSync(file, "utf8"));
  }
  pyodide.runPython(`import sys\nsys.path.insert(0, "${LIB}")`);
  pyodide.registerJsModule("_runscript_host", {
    call_sync: (payload: string) => {
      sent.push({ channel: "sync", payload: String(payload) });
      return JSON.stringify(handler(JSON.parse(String(payload)) as Request));
    },
    call_async: (payload: string) => {
      sent.push({ channel: "async", payload: String(payload) });
      return asyncHost(String(payload));
    },
  });
});

beforeEach(() => {
  sent = [];
  handler = () => ok({});
});

afterEach(() => {
  asyncHost = async (payload) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return JSON.stringify(handler(JSON.parse(payload) as Request));
  };
});

describe("module import", () => {
  it("does not touch _runscript_host when the bridge modules are imported", async () => {
    const result = await py(`
import sys
for name in [m for m in sys.modules if m in ("_runscript_host", "runscript_aws", "boto3") or m.startswith(("boto3.", "botocore"))]:
    del sys.modules[name]
import boto3, boto3.session, botocore, botocore.client, botocore.exceptions, botocore.paginate, runscript_aws
result = "_runscript_host" in sys.modules
`);
    expect(result).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe("calls", () => {
  it("sends snake_case and PascalCase operations as written, in the exact protocol payload", async () => {
    handler = (req) => ok({ Buckets: [{ Name: "a" }], Echo: req.operation ?? null });
    const result = await py(`
import boto3
from runscript_aws import call_boto3
s3 = boto3.client("s3", region_name="us-east-1")
r1 = s3.list_buckets()
r2 = s3.get_object(Bucket="b", Key="k")
r3 = await call_boto3("s3", "ListBuckets", "eu-west-1", {"MaxBuckets": 5})
r4 = boto3.Session(region_name="eu-central-1").client("sts").get_caller_identity()
result = [r1, r2["Echo"], r3["Echo"], r4["Echo"], s3.meta.region_name, s3.meta.service_model.service_name]
`);
    expect(result).toEqual([
      { Buckets: [{ Name: "a" }], Echo: "list_buckets" },
      "get_object",
      "ListBuckets",
      "get_caller_identity",
      "us-east-1",
      "s3",
    ]);
    expect(sent).toEqual([
      {
        channel: "sync",
        payload:
          '{"op":"aws.call","service":"s3","operation":"list_buckets","region":"us-east-1","params":{}}',
      },
      {
        channel: "sync",
        payload:
          '{"op":"aws.call","service":"s3","operation":"get_object","region":"us-east-1","params":{"Bucket":"b","Key":"k"}}',
      },
      {
        channel: "async",
        payload:
          '{"op":"aws.call","service":"s3","operation":"ListBuckets","region":"eu-west-1","params":{"MaxBuckets":5}}',
      },
      {
        channel: "sync",
        payload:
          '{"op":"aws.call","service":"sts","operation":"get_caller_identity","region":"eu-central-1","params":{}}',
      },
    ]);
  });

  it("call_boto3 with params=None and no region sends empty params and a null region", async () => {
    handler = () => ok({ Account: "123456789012" });
    const result = await py(`
result = await __import__("runscript_aws").call_boto3("sts", "get_caller_identity", params=None)
`);
    expect(result).toEqual({ Account: "123456789012" });
    expect(requests()).toEqual([
      { op: "aws.call", service: "sts", operation: "get_caller_identity", region: null, params: {} },
    ]);
  });

  it("client methods take keyword arguments only, like boto3", async () => {
    const result = await py(`
import boto3
s3 = boto3.client("s3")
try:
    s3.get_object("bucket", "key")
except TypeError as e:
    result = [str(e)]
try:
    s3.ListBuckets
except AttributeError as e:
    result.append(str(e))
`);
    expect(result).toEqual([
      "get_object() only accepts keyword arguments.",
      "'S3' object has no attribute 'ListBuckets'",
    ]);
    expect(sent).toEqual([]);
  });
});

describe("value encoding", () => {
  it("round-trips non-UTF-8 bytes and timestamps both ways", async () => {
    let seenParams: Json = null;
    handler = (req) => {
      seenParams = req.params ?? null;
      const reversed = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
      return ok({
        Body: { $bytes: reversed.toString("base64") },
        LastModified: { $date: "2024-05-06T05:08:09.000Z" },
        Nested: [{ When: { $date: "2024-01-01T00:00:00.250+02:00" } }],
        NotATag: { $bytes: "AA==", Other: 1 },
      });
    };
    const result = await py(`
import boto3, datetime
utc = datetime.timezone.utc
r = boto3.client("s3").put_object(
    Bucket="b", Key="k", Body=bytes(range(256)), ContentMD5=bytearray(b"\\x00\\xff"), Extra=memoryview(b"hi"),
    Expires=datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    Naive=datetime.datetime(2024, 5, 6, 7, 8, 9), Day=datetime.date(2024, 2, 29),
    Tuple=("a", 1), Set={"x"}, Flags=[True, None, 1.5],
)
result = [
    type(r["Body"]).__name__, r["Body"] == bytes(range(255, -1, -1)),
    r["LastModified"] == datetime.datetime(2024, 5, 6, 5, 8, 9, tzinfo=utc), r["LastModified"].tzinfo is not None,
    r["Nested"][0]["When"] == datetime.datetime(2023, 12, 31, 22, 0, 0, 250000, tzinfo=utc),
    r["NotATag"],
]
`);
    expect(result).toEqual(["bytes", true, true, true, true, { $bytes: "AA==", Other: 1 }]);
    const params = seenParams as unknown as Record<string, Json>;
    const body = params.Body as { $bytes: string };
    expect([...Buffer.from(body.$bytes, "base64")]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(params).toMatchObject({
      ContentMD5: { $bytes: "AP8=" },
      Extra: { $bytes: "aGk=" },
      Expires: { $date: "2024-05-06T05:08:09.123Z" },
      Naive: { $date: "2024-05-06T07:08:09.000Z" },
      Day: { $date: "2024-02-29T00:00:00.000Z" },
      Tuple: ["a", 1],
      Set: ["x"],
      Flags: [true, null, 1.5],
    });
    const expires = params.Expires as { $date: string };
    expect(new Date(expires.$date).toISOString()).toBe("2024-05-06T05:08:09.123Z");
  });

  it("rejects values that cannot be sent with ParamValidationError, before sending anything", async () => {
    const result = await py(`
import boto3, math
from botocore.exceptions import ParamValidationError
s3 = boto3.client("s3")
result = []
for params in [{"Tags": [{"Key": "a", "Value": object()}]}, {"N": math.nan}, {1: "x"}]:
    try:
        s3.put_object(**params) if all(isinstance(k, str) for k in params) else __import__("runscript_aws").call_sync("s3", "put_object", None, params)
    except ParamValidationError as e:
        result.append(str(e).splitlines())
`);
    const messages = result as string[][];
    expect(messages).toHaveLength(3);
    for (const lines of messages) expect(lines[0]).toBe("Parameter validation failed:");
    expect(messages[0]?.[1]).toMatch(/^Invalid type for parameter Tags\[0\]\.Value, value: <object object/);
    expect(messages[1]?.[1]).toContain("not a finite number");
    expect(messages[2]?.[1]).toContain("keys must be str");
    expect(sent).toEqual([]);
  });
});

describe("errors", () => {
  it("raises botocore-shaped ClientError subclasses that client.exceptions catches", async () => {
    handler = (req) => {
      const operation = req.operation === "list_objects_v2" ? "ListObjectsV2" : null;
      const code =
        req.params && (req.params as Record<string, Json>).Bucket === "nope"
          ? "NoSuchBucket"
          : "AccessDenied";
      const message = code === "NoSuchBucket" ? "The specified bucket does not exist" : "denied by policy";
      return {
        ok: false,
        error: {
          code,
          message,
          httpStatus: code === "NoSuchBucket" ? 404 : 403,
          requestId: "REQ1",
          operation,
        },
      };
    };
    const result = await py(`
import boto3, botocore.exceptions
from runscript_aws import call_boto3
s3 = boto3.client("s3")
result = {}
try:
    s3.list_objects_v2(Bucket="nope")
except s3.exceptions.NoSuchBucket as e:
    result["caught"] = [str(e), e.response, e.operation_name, isinstance(e, botocore.exceptions.ClientError),
                        type(e).__name__, isinstance(e, boto3.client("s3").exceptions.NoSuchBucket)]
try:
    try:
        s3.head_bucket(Bucket="other")
    except s3.exceptions.NoSuchBucket:
        result["wrong"] = True
except s3.exceptions.ClientError as e:
    result["denied"] = [e.response["Error"]["Code"], e.operation_name, str(e)]
try:
    await call_boto3("s3", "ListObjectsV2", params={"Bucket": "nope"})
except botocore.exceptions.ClientError as e:
    result["async"] = [e.response["Error"]["Code"], isinstance(e, s3.exceptions.NoSuchBucket)]
result["same_class"] = s3.exceptions.NoSuchBucket is boto3.client("s3").exceptions.NoSuchBucket
result["other_service"] = s3.exceptions.NoSuchBucket is boto3.client("ec2").exceptions.NoSuchBucket
`);
    expect(result).toEqual({
      caught: [
        "An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist",
        {
          Error: { Code: "NoSuchBucket", Message: "The specified bucket does not exist" },
          ResponseMetadata: { RequestId: "REQ1", HTTPStatusCode: 404 },
        },
        "ListObjectsV2",
        true,
        "NoSuchBucket",
        true,
      ],
      denied: [
        "AccessDenied",
        "HeadBucket",
        "An error occurred (AccessDenied) when calling the HeadBucket operation: denied by policy",
      ],
      async: ["NoSuchBucket", true],
      same_class: true,
      other_service: false,
    });
  });

  it("treats a malformed host answer as a bridge fault, not a ClientError", async () => {
    const result = await py(`
import _runscript_host, runscript_aws
from botocore.exceptions import ClientError
try:
    runscript_aws._answer("s3", "list_buckets", "not json")
except ClientError:
    result = "client error"
except runscript_aws.BridgeProtocolError as e:
    result = str(e).split(":")[0]
`);
    expect(result).toBe("the host bridge answered with invalid JSON");
  });
});

/** A fake S3 ListObjectsV2 over keys k0..k4: default page size 2, tokens `tok-<index>`. */
function fakeListObjects(req: Request): Answer {
  if (req.op === "aws.paginator") {
    if (req.operation !== "list_objects_v2") return ok(null);
    return ok({
      inputToken: "ContinuationToken",
      outputToken: "NextContinuationToken",
      pageSizeKey: "MaxKeys",
    });
  }
  const params = (req.params ?? {}) as Record<string, Json>;
  const keys = ["k0", "k1", "k2", "k3", "k4"];
  const start = typeof params.ContinuationToken === "string" ? Number(params.ContinuationToken.slice(4)) : 0;
  const size = typeof params.MaxKeys === "number" ? params.MaxKeys : 2;
  const contents = keys.slice(start, start + size).map((Key) => ({ Key }));
  const page: Record<string, Json> = {
    Name: params.Bucket ?? null,
    KeyCount: contents.length,
    Contents: contents,
  };
  if (start + size < keys.length) page.NextContinuationToken = `tok-${start + size}`;
  page.IsTruncated = start + size < keys.length;
  return ok(page);
}

describe("paginators", () => {
  it("loops across 3 pages and builds the full result, asking for metadata once", async () => {
    handler = fakeListObjects;
    const result = await py(`
import boto3
s3 = boto3.client("s3")
p = s3.get_paginator("list_objects_v2")
pages = list(p.paginate(Bucket="b"))
full = p.paginate(Bucket="b").build_full_result()
result = [[[o["Key"] for o in pg["Contents"]] for pg in pages], full, s3.can_paginate("list_objects_v2"),
          s3.can_paginate("get_object")]
`);
    expect(result).toEqual([
      [["k0", "k1"], ["k2", "k3"], ["k4"]],
      {
        Name: "b",
        KeyCount: 1,
        IsTruncated: false,
        Contents: ["k0", "k1", "k2", "k3", "k4"].map((Key) => ({ Key })),
      },
      true,
      false,
    ]);
    const reqs = requests();
    expect(reqs.filter((r) => r.op === "aws.paginator")).toEqual([
      { op: "aws.paginator", service: "s3", operation: "list_objects_v2" },
      { op: "aws.paginator", service: "s3", operation: "get_object" },
    ]);
    expect(reqs.filter((r) => r.op === "aws.call").slice(0, 3)).toEqual([
      { op: "aws.call", service: "s3", operation: "list_objects_v2", region: null, params: { Bucket: "b" } },
      {
        op: "aws.call",
        service: "s3",
        operation: "list_objects_v2",
        region: null,
        params: { Bucket: "b", ContinuationToken: "tok-2" },
      },
      {
        op: "aws.call",
        service: "s3",
        operation: "list_objects_v2",
        region: null,
        params: { Bucket: "b", ContinuationToken: "tok-4" },
      },
    ]);
  });

  it("honours PaginationConfig PageSize, StartingToken and MaxItems (resumable)", async () => {
    handler = fakeListObjects;
    const result = await py(`
import boto3
p = boto3.client("s3").get_paginator("list_objects_v2")
keys = lambda pages: [[o["Key"] for o in pg["Contents"]] for pg in pages]
sized = keys(p.paginate(Bucket="b", PaginationConfig={"PageSize": 3}))
started = keys(p.paginate(Bucket="b", PaginationConfig={"StartingToken": "tok-2"}))
first = p.paginate(Bucket="b", PaginationConfig={"MaxItems": 3}).build_full_result()
rest = p.paginate(Bucket="b", PaginationConfig={"StartingToken": first["NextToken"]}).build_full_result()
exact = p.paginate(Bucket="b", PaginationConfig={"MaxItems": 2}).build_full_result()
rest2 = p.paginate(Bucket="b", PaginationConfig={"StartingToken": exact["NextToken"], "MaxItems": 10}).build_full_result()
result = [sized, started, [o["Key"] for o in first["Contents"]], [o["Key"] for o in rest["Contents"]],
          "NextToken" in rest, [o["Key"] for o in exact["Contents"]], [o["Key"] for o in rest2["Contents"]]]
`);
    expect(result).toEqual([
      [
        ["k0", "k1", "k2"],
        ["k3", "k4"],
      ],
      [["k2", "k3"], ["k4"]],
      ["k0", "k1", "k2"],
      ["k3", "k4"],
      false,
      ["k0", "k1"],
      ["k2", "k3", "k4"],
    ]);
    const sizes = requests()
      .filter((r) => r.op === "aws.call")
      .slice(0, 2)
      .map((r) => (r.params as Record<string, Json>).MaxKeys);
    expect(sizes).toEqual([3, 3]);
  });

  it("refuses non-pageable operations, unknown config keys and a repeated next token", async () => {
    handler = (req) =>
      req.op === "aws.paginator"
        ? req.operation === "list_things"
          ? ok({ inputToken: "NextToken", outputToken: "NextToken", pageSizeKey: null })
          : ok(null)
        : ok({ Things: [1], NextToken: "same" });
    const result = await py(`
import boto3
from botocore.exceptions import OperationNotPageableError, PaginationError, ParamValidationError
c = boto3.client("things")
result = []
try:
    c.get_paginator("get_thing")
except OperationNotPageableError as e:
    result.append(str(e))
p = c.get_paginator("list_things")
for config in [{"PageSize": 5}, {"Bogus": 1}]:
    try:
        list(p.paginate(PaginationConfig=config))
    except (PaginationError, ParamValidationError) as e:
        result.append(type(e).__name__)
try:
    list(p.paginate())
except PaginationError as e:
    result.append(str(e))
`);
    expect(result).toEqual([
      "Operation cannot be paginated: get_thing",
      "PaginationError",
      "ParamValidationError",
      "Error during pagination: The same next token was received twice: 'same'",
    ]);
  });
});

describe("sandbox restrictions", () => {
  it("refuses endpoints, credentials, profiles and config, and resources", async () => {
    const result = await py(`
import boto3
from botocore.exceptions import SandboxRestrictionError
result = []
for kwargs in [{"endpoint_url": "http://169.254.169.254"}, {"aws_access_key_id": "AKIA"},
               {"aws_secret_access_key": "s"}, {"aws_session_token": "t"}, {"config": object()},
               {"verify": False}]:
    try:
        boto3.client("s3", **kwargs)
        result.append("allowed " + str(kwargs))
    except SandboxRestrictionError as e:
        result.append(isinstance(e, NotImplementedError) and "the host chooses" in str(e) and next(iter(kwargs)) in str(e))
for kwargs in [{"profile_name": "admin"}, {"botocore_session": object()}, {"aws_access_key_id": "AKIA"}]:
    try:
        boto3.Session(**kwargs)
        result.append("allowed " + str(kwargs))
    except NotImplementedError as e:
        result.append(next(iter(kwargs)) in str(e))
try:
    boto3.resource("s3")
except NotImplementedError as e:
    result.append("boto3.client('s3')" in str(e))
result.append(boto3.client("s3", use_ssl=True, endpoint_url=None).meta.endpoint_url)
`);
    expect(result).toEqual([true, true, true, true, true, true, true, true, true, true, null]);
    expect(sent).toEqual([]);
  });

  it("refuses presigning and waiters", async () => {
    const result = await py(`
import boto3
s3 = boto3.client("s3")
result = []
for call in [lambda: s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"}),
             lambda: s3.generate_presigned_post("b", "k"), lambda: s3.get_waiter("bucket_exists")]:
    try:
        call()
        result.append("allowed")
    except NotImplementedError as e:
        result.append(str(e).split(" are not available")[0])
`);
    expect(result).toEqual(["presigned URLs", "presigned POSTs", "waiters (get_waiter('bucket_exists'))"]);
    expect(sent).toEqual([]);
  });
});

describe("concurrency", () => {
  it("asyncio.gather over call_boto3 issues every request before any answer", async () => {
    const n = 5;
    const pending: { region: string; answer: () => void }[] = [];
    const completed: string[] = [];
    let maxInFlight = 0;
    asyncHost = (payload) =>
      new Promise<string>((resolve) => {
        const region = String((JSON.parse(payload) as Request).region);
        const answer = (): void => {
          const i = pending.findIndex((p) => p.region === region);
          if (i < 0) return;
          pending.splice(i, 1);
          completed.push(region);
          resolve(JSON.stringify(ok({ Region: region })));
        };
        pending.push({ region, answer });
        maxInFlight = Math.max(maxInFlight, pending.length);
        if (pending.length === n) {
          // All in flight: answer in reverse order, one macrotask apart.
          for (const [i, p] of [...pending].reverse().entries()) setTimeout(p.answer, i + 1);
        } else {
          setTimeout(answer, 5_000); // only so a sequential implementation fails instead of hanging
        }
      });
    const result = await py(`
import asyncio
from runscript_aws import call_boto3
regions = [f"r{i}" for i in range(${n})]
answers = await asyncio.gather(*[call_boto3("ec2", "describe_instances", region_name=r) for r in regions])
result = [a["Region"] for a in answers]
`);
    expect(result).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(maxInFlight).toBe(n);
    expect(completed).toEqual(["r4", "r3", "r2", "r1", "r0"]);
    expect(sent.every((s) => s.channel === "async")).toBe(true);
  });
});
