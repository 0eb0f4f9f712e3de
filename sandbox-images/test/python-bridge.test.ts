/**
 * The sandbox side of the bridge protocol (v2) against a fake host: what is sent (tags for bytes,
 * file-likes, timestamps), how answers are decoded (`$ts` with botocore's parse_timestamp, `$bytes`,
 * `$stream`, `$$` keys), that importing the modules never touches the host, and that
 * `asyncio.gather` over `call_boto3` keeps every call in flight.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeHost, fail, type Json, ok, type Request } from "./pyodide-harness.js";

const host = new FakeHost();

beforeAll(() => host.start());
beforeEach(() => host.reset());
afterAll(() => host.pyodide.setStdout());

describe("module import", () => {
  it("does not touch _runscript_host when the sandbox's modules are imported", async () => {
    const result = await host.py(`
import sys
for name in [m for m in sys.modules if m in ("_runscript_host", "runscript_aws", "runscript_codec", "runscript_preload",
             "boto3") or m.startswith(("boto3.", "botocore"))]:
    del sys.modules[name]
import runscript_preload, boto3, botocore.client, botocore.paginate, botocore.waiter, boto3.s3.inject
result = "_runscript_host" in sys.modules
`);
    expect(result).toBe(false);
    expect(host.sent).toEqual([]);
  });

  it("imports every module of the image before the snapshot (the files are not in the sandbox at run time)", async () => {
    const result = await host.py(`
import os, sys
import runscript_preload, runscript_runner
lib = "/runscript/lib"
missing = []
for root, _dirs, files in os.walk(lib):
    for f in files:
        if f.endswith(".py"):
            rel = os.path.relpath(os.path.join(root, f), lib)[:-3].replace("/", ".")
            name = rel[: -len(".__init__")] if rel.endswith(".__init__") else rel
            if name not in sys.modules:
                missing.append(name)
result = sorted(missing)
`);
    expect(result).toEqual([]);
  });
});

describe("requests", () => {
  it("sends values with the protocol's exact rules: tags, float lexemes, escaped $ keys", async () => {
    host.handler = () => ok({});
    await host.py(`
import io, datetime, decimal, runscript_aws
tz2 = datetime.timezone(datetime.timedelta(hours=2))
runscript_aws.call_sync("s3", "put_object", None, {
    "Body": io.BytesIO(bytes(range(256))), "Text": io.StringIO("héllo"), "Str": "plain", "Raw": bytearray(b"\\x00\\xff"),
    "When": datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=tz2), "Naive": datetime.datetime(2024, 5, 6, 7, 8, 9),
    "Tuple": ("a", 1), "Flags": [True, None, 1.5], "Whole": 5.0, "Int": 2**60, "Inf": float("inf"),
    "Dec": decimal.Decimal("1.10"), "Map": {"$ref": 1, "$$x": 2, "plain": 3}})
result = None
`);
    const payload = host.sent.find((s) => s.payload.includes('"aws.call"'))?.payload ?? "";
    expect(payload).toContain('"Whole":5.0');
    const params = host.calls()[0]?.params as Record<string, Json>;
    expect([...Buffer.from((params.Body as { $bytes: string }).$bytes, "base64")]).toEqual(
      Array.from({ length: 256 }, (_, i) => i),
    );
    expect(params).toEqual({
      Body: params.Body,
      Text: "héllo",
      Str: "plain",
      Raw: { $bytes: "AP8=" },
      When: { $date: "2024-05-06T07:08:09.123456+02:00" },
      Naive: { $date: "2024-05-06T07:08:09+00:00" },
      Tuple: ["a", 1],
      Flags: [true, null, 1.5],
      Whole: 5,
      Int: 2 ** 60,
      Inf: { $pytype: "float", $repr: "inf" },
      Dec: { $decimal: "1.10" },
      Map: { $$ref: 1, $$$x: 2, plain: 3 },
    });
  });

  it("tags values botocore rejects for every member type, and renders the host's report with them", async () => {
    host.handler = (req) => {
      const params = req.params as Record<string, Json>;
      const problems = Object.keys(params).map((key) => ({
        type: "invalid type",
        name: `.${key}`,
        path: [key],
        valid_types: ["<class 'str'>"],
      }));
      return fail({ kind: "validation", code: "ParamValidation", message: "invalid", report: "x", problems });
    };
    const result = await host.py(`
import datetime, runscript_aws
from botocore.exceptions import ParamValidationError
from boto3.dynamodb.conditions import Key
try:
    runscript_aws.call_sync("dynamodb", "query", None, {"Obj": object(), "Ids": {"a"}, "Day": datetime.date(2024, 1, 2),
        "View": memoryview(b"x"), "KeyConditionExpression": Key("pk").eq(1)})
except ParamValidationError as e:
    result = str(e).splitlines()
`);
    expect(host.calls()[0]?.params).toEqual({
      Obj: { $pytype: "object" },
      Ids: { $pytype: "set" },
      Day: { $pytype: "date" },
      View: { $pytype: "memoryview" },
      KeyConditionExpression: { $pytype: "Equals" },
    });
    const lines = result as string[];
    expect(lines[0]).toBe("Parameter validation failed:");
    expect(lines[1]).toMatch(
      /^Invalid type for parameter Obj, value: <object object at 0x[0-9a-f]+>, type: <class 'object'>, valid types: <class 'str'>$/,
    );
    expect(lines[2]).toBe(
      "Invalid type for parameter Ids, value: {'a'}, type: <class 'set'>, valid types: <class 'str'>",
    );
    expect(lines[3]).toBe(
      "Invalid type for parameter Day, value: 2024-01-02, type: <class 'datetime.date'>, valid types: <class 'str'>",
    );
    expect(lines[4]).toMatch(
      /^Invalid type for parameter View, value: <memory at 0x[0-9a-f]+>, type: <class 'memoryview'>/,
    );
    // As boto3's low-level client: condition objects are for the resource layer, not the client.
    expect(lines[5]).toMatch(
      /^Invalid type for parameter KeyConditionExpression, value: <boto3\.dynamodb\.conditions\.Equals object at 0x[0-9a-f]+>, type: <class 'boto3\.dynamodb\.conditions\.Equals'>, valid types: <class 'str'>$/,
    );
  });

  it("refuses cycles and non-str keys before sending anything", async () => {
    const result = await host.py(`
import runscript_aws
from botocore.exceptions import ParamValidationError
cyclic = {}; cyclic["self"] = cyclic
result = []
for params in [{1: "x"}, {"A": cyclic}]:
    try:
        runscript_aws.call_sync("dynamodb", "query", None, params)
    except ParamValidationError as e:
        result.append(str(e).splitlines()[1])
`);
    expect(result).toEqual([
      "Invalid key 1 in parameter params: keys must be str",
      "Invalid value for parameter A.self: nested too deeply (or a cycle)",
    ]);
    expect(host.sent).toEqual([]);
  });
});

describe("answers", () => {
  it("decodes $ts with botocore's parse_timestamp, $bytes, $stream, and unescapes $$ keys", async () => {
    const reversed = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)).toString("base64");
    host.handler = () =>
      ok({
        Iso: { $ts: "2024-01-02T03:04:05.123Z" },
        Epoch: { $ts: 1700000000 },
        EpochFloat: { $ts: 1700000000.5 },
        Rfc: { $ts: "Tue, 02 Jan 2024 03:04:05 GMT" },
        Legacy: { $date: "2024-01-01T00:00:00.250+02:00" },
        Blob: { $bytes: reversed },
        Body: { $stream: Buffer.from("line1\nline2\n").toString("base64") },
        Map: { $$ts: "data", $$$x: 1, plain: { $$bytes: "AA==" } },
        NotATag: { $bytes: "AA==", Other: 1 },
      });
    const result = await host.py(`
import runscript_aws
from botocore.response import StreamingBody
r = runscript_aws.call_sync("s3", "get_object", None, {})
body = r.pop("Body")
result = {k: repr(v) for k, v in r.items()}
result["Body"] = [type(body).__name__, isinstance(body, StreamingBody), list(body.iter_lines())]
result["BlobOk"] = r["Blob"] == bytes(range(255, -1, -1))
`);
    expect(result).toEqual({
      Iso: "datetime.datetime(2024, 1, 2, 3, 4, 5, 123000, tzinfo=tzlocal())",
      Epoch: "datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=tzlocal())",
      EpochFloat: "datetime.datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=tzlocal())",
      Rfc: "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=tzutc())",
      Legacy:
        "datetime.datetime(2024, 1, 1, 0, 0, 0, 250000, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))",
      Blob: expect.stringMatching(/^b'\\xff\\xfe/),
      Map: "{'$ts': 'data', '$$x': 1, 'plain': {'$bytes': 'AA=='}}",
      NotATag: "{'$bytes': 'AA==', 'Other': 1}",
      Body: ["StreamingBody", true, ["b'line1'", "b'line2'"]],
      BlobOk: true,
    });
  });
});

describe("Python types JSON cannot carry", () => {
  it("CloudFormation GetTemplate's TemplateBody is an OrderedDict, nested objects too, as botocore's", async () => {
    host.handler = () =>
      ok({ TemplateBody: { Resources: { Q: { Type: "AWS::SQS::Queue" } }, Outputs: [{ a: 1 }] } });
    const result = await host.py(`
import runscript_aws
r = runscript_aws.call_sync("cloudformation", "get_template", None, {"StackName": "s"})
b = r["TemplateBody"]
result = [type(b).__name__, list(b), type(b["Resources"]["Q"]).__name__, type(b["Outputs"][0]).__name__]
`);
    expect(result).toEqual(["OrderedDict", ["Resources", "Outputs"], "OrderedDict", "OrderedDict"]);
  });
});

describe("concurrency", () => {
  it("asyncio.gather over call_boto3 issues every request before any answer", async () => {
    const n = 5;
    const pending: { region: string; answer: () => void }[] = [];
    const completed: string[] = [];
    let maxInFlight = 0;
    host.asyncHost = (payload) =>
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
    const result = await host.py(`
import asyncio
from runscript_aws import call_boto3
regions = [f"r{i}" for i in range(${n})]
answers = await asyncio.gather(*[call_boto3("ec2", "describe_instances", region_name=r) for r in regions])
result = [a["Region"] for a in answers]
`);
    expect(result).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(maxInFlight).toBe(n);
    expect(completed).toEqual(["r4", "r3", "r2", "r1", "r0"]);
    expect(host.sent.every((s) => s.channel === "async")).toBe(true);
  });
});
