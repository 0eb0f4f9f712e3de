/**
 * boto3's convenience layer in the sandbox, through a fake protocol-v2 host: paginators and waiters
 * driven by the host's botocore configs, S3 transfers (`upload_fileobj` & co.) over the in-memory
 * /tmp, and threads (`ThreadPoolExecutor`, `threading`) with calls concurrently in flight.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Answer, FakeHost, fail, type Json, metadata, ok, type Request } from "./pyodide-harness.js";

const host = new FakeHost();

const DYNAMODB = metadata(
  "dynamodb",
  "DynamoDB",
  { scan: "Scan", describe_table: "DescribeTable", query: "Query" },
  { paginators: ["scan", "query"], waiters: ["table_exists", "table_not_exists"] },
);
const S3 = metadata(
  "s3",
  "S3",
  {
    put_object: "PutObject",
    get_object: "GetObject",
    head_object: "HeadObject",
    copy_object: "CopyObject",
    list_objects: "ListObjects",
  },
  { paginators: ["list_objects"], errors: { NoSuchKey: "NoSuchKey" } },
);
const SCAN_PAGINATOR: Json = {
  input_token: "ExclusiveStartKey",
  output_token: "LastEvaluatedKey",
  limit_key: "Limit",
  result_key: ["Items", "Count", "ScannedCount"],
  non_aggregate_keys: ["ConsumedCapacity"],
};
const TABLE_EXISTS: Json = {
  name: "TableExists",
  operation: "DescribeTable",
  delay: 20,
  maxAttempts: 25,
  acceptors: [
    { expected: "ACTIVE", matcher: "path", state: "success", argument: "Table.TableStatus" },
    { expected: "ResourceNotFoundException", matcher: "error", state: "retry" },
  ],
};

function scanPage(req: Request): Answer {
  const start = (req.params as Record<string, Json>).ExclusiveStartKey as { n: number } | undefined;
  const from = start?.n ?? 0;
  const items = [0, 1, 2, 3, 4].slice(from, from + 2).map((n) => ({ n: { N: String(n) } }));
  const page: Record<string, Json> = {
    Items: items,
    Count: items.length,
    ScannedCount: 10,
    ConsumedCapacity: { TableName: "t", CapacityUnits: from + 1 },
  };
  if (from + 2 < 5) page.LastEvaluatedKey = { n: from + 2 };
  return ok(page);
}

beforeAll(() => host.start());
beforeEach(() => host.reset());
afterAll(() => host.pyodide.setStdout());

describe("paginators from the host's botocore config", () => {
  it("pages DynamoDB Scan and sums Count/ScannedCount in build_full_result", async () => {
    host.handler = (req) => {
      if (req.op === "aws.client") return ok(DYNAMODB);
      if (req.op === "aws.paginator") return ok(req.operation === "scan" ? SCAN_PAGINATOR : null);
      return scanPage(req);
    };
    const result = await host.py(`
import boto3
ddb = boto3.client("dynamodb")
p = ddb.get_paginator("scan")
full = p.paginate(TableName="t").build_full_result()
found = list(ddb.get_paginator("scan").paginate(TableName="t").search("Items[].n.N"))
result = [type(p).__name__, full["Count"], full["ScannedCount"], len(full["Items"]), full["ConsumedCapacity"],
          found, ddb.can_paginate("scan"), ddb.can_paginate("describe_table")]
`);
    expect(result).toEqual([
      "DynamoDB.Paginator.Scan",
      5,
      30,
      5,
      { TableName: "t", CapacityUnits: 1 },
      ["0", "1", "2", "3", "4"],
      true,
      false,
    ]);
    expect(host.requests().filter((r) => r.op === "aws.paginator")).toEqual([
      { op: "aws.paginator", service: "dynamodb", operation: "scan" },
    ]);
  });

  it("raises OperationNotPageableError for an operation without a paginator, without asking the host", async () => {
    host.handler = (req) => (req.op === "aws.client" ? ok(DYNAMODB) : ok({}));
    const result = await host.py(`
import boto3
from botocore.exceptions import OperationNotPageableError
try:
    boto3.client("dynamodb").get_paginator("describe_table")
except OperationNotPageableError as e:
    result = str(e)
`);
    expect(result).toBe("Operation cannot be paginated: describe_table");
    expect(host.requests().filter((r) => r.op === "aws.paginator")).toEqual([]);
  });
});

describe("waiters from the host's botocore config", () => {
  it("polls until the success acceptor matches, sleeping Delay between attempts", async () => {
    let attempts = 0;
    host.handler = (req) => {
      if (req.op === "aws.client") return ok(DYNAMODB);
      if (req.op === "aws.waiter") return ok(TABLE_EXISTS);
      attempts++;
      if (attempts === 1)
        return fail({
          kind: "client",
          code: "ResourceNotFoundException",
          message: "Requested resource not found",
          httpStatus: 400,
          operation: "DescribeTable",
        });
      return ok({ Table: { TableStatus: attempts < 3 ? "CREATING" : "ACTIVE" } });
    };
    const result = await host.py(`
import boto3, time
ddb = boto3.client("dynamodb")
w = ddb.get_waiter("table_exists")
t = time.monotonic()
w.wait(TableName="t", WaiterConfig={"Delay": 0.05, "MaxAttempts": 5})
result = [type(w).__name__, w.name, ddb.waiter_names, time.monotonic() - t >= 0.1]
`);
    expect(result).toEqual([
      "DynamoDB.Waiter.TableExists",
      "TableExists",
      ["table_exists", "table_not_exists"],
      true,
    ]);
    expect(attempts).toBe(3);
    expect(host.requests().filter((r) => r.op === "aws.waiter")).toEqual([
      { op: "aws.waiter", service: "dynamodb", name: "table_exists" },
    ]);
  });

  it("raises WaiterError after MaxAttempts and ValueError for an unknown waiter, as botocore", async () => {
    host.handler = (req) => {
      if (req.op === "aws.client") return ok(DYNAMODB);
      if (req.op === "aws.waiter") return ok(TABLE_EXISTS);
      return ok({ Table: { TableStatus: "CREATING" } });
    };
    const result = await host.py(`
import boto3
from botocore.exceptions import WaiterError
ddb = boto3.client("dynamodb")
result = []
try:
    ddb.get_waiter("table_exists").wait(TableName="t", WaiterConfig={"Delay": 0, "MaxAttempts": 2})
except WaiterError as e:
    result += [str(e), e.last_response]
for name in ["table_exist", "TableExists"]:
    try:
        ddb.get_waiter(name)
    except ValueError as e:
        result.append(str(e))
`);
    expect(result).toEqual([
      "Waiter TableExists failed: Max attempts exceeded",
      { Table: { TableStatus: "CREATING" } },
      "Waiter does not exist: table_exist",
      "Waiter does not exist: TableExists",
    ]);
    expect(host.calls()).toHaveLength(2);
  });
});

describe("S3 transfers", () => {
  const objects = new Map<string, Buffer>();
  function s3Host(req: Request): Answer {
    if (req.op === "aws.client") return ok(S3);
    const p = (req.params ?? {}) as Record<string, Json>;
    const id = `${String(p.Bucket)}/${String(p.Key)}`;
    switch (req.operation) {
      case "put_object": {
        const body = p.Body as { $bytes: string };
        objects.set(id, Buffer.from(body.$bytes, "base64"));
        return ok({ ETag: '"e"' });
      }
      case "head_object":
      case "get_object": {
        const data = objects.get(id);
        if (!data)
          return req.operation === "head_object"
            ? fail({
                kind: "client",
                code: "404",
                message: "Not Found",
                httpStatus: 404,
                operation: "HeadObject",
              })
            : fail({
                kind: "client",
                code: "NoSuchKey",
                message: "nope",
                httpStatus: 404,
                operation: "GetObject",
              });
        if (req.operation === "head_object") return ok({ ContentLength: data.length });
        return ok({ ContentLength: data.length, Body: { $stream: data.toString("base64") } });
      }
      case "copy_object":
        return ok({ CopyObjectResult: { ETag: '"e"' } });
      default:
        return ok({});
    }
  }

  it("uploads and downloads with boto3's signatures (positional too), through /tmp and file objects", async () => {
    objects.clear();
    host.handler = s3Host;
    const result = await host.py(`
import boto3, io, os
s3 = boto3.client("s3")
seen = []
s3.upload_fileobj(io.BytesIO(b"hello"), "b", "k1")
with open("/tmp/report.csv", "w") as f:
    f.write("a,b\\n1,2\\n")
s3.upload_file("/tmp/report.csv", "b", "k2", ExtraArgs={"ContentType": "text/csv"}, Callback=seen.append)
buf = io.BytesIO()
s3.download_fileobj("b", "k1", buf)
s3.download_file(Bucket="b", Key="k2", Filename="/tmp/copy.csv")
with open("/tmp/copy.csv") as f:
    copied = f.read()
s3.copy({"Bucket": "b", "Key": "k1"}, "b2", "k3")
result = [buf.getvalue().decode(), copied, seen, sorted(os.listdir("/tmp"))]
for bad in [lambda: s3.upload_fileobj(io.BytesIO(b"x"), "b", "k", ExtraArgs={"Bogus": 1}),
            lambda: s3.upload_fileobj("not a file", "b", "k"),
            lambda: s3.download_fileobj("b", "k1", object())]:
    try:
        bad()
    except ValueError as e:
        result.append(str(e)[:35])
`);
    expect(result).toEqual([
      "hello",
      "a,b\n1,2\n",
      [8],
      ["copy.csv", "report.csv"],
      "Invalid extra_args key 'Bogus', mus",
      "Fileobj must implement read",
      "Fileobj must implement write",
    ]);
    const calls = host.calls();
    expect(
      calls.find((c) => (c.params as Record<string, Json>).Key === "k2" && c.operation === "put_object"),
    ).toMatchObject({ params: { ContentType: "text/csv" } });
    expect(calls.at(-1)).toMatchObject({
      operation: "copy_object",
      params: { CopySource: { Bucket: "b", Key: "k1" }, Bucket: "b2" },
    });
  });

  it("fails a missing download on HeadObject with code 404, and leaves no partial file", async () => {
    objects.clear();
    host.handler = s3Host;
    const result = await host.py(`
import boto3, os
from botocore.exceptions import ClientError
s3 = boto3.client("s3")
try:
    s3.download_file("b", "missing", "/tmp/x.bin")
except ClientError as e:
    result = [str(e), os.path.exists("/tmp/x.bin"), [n for n in os.listdir("/tmp") if "partial" in n]]
`);
    expect(result).toEqual([
      "An error occurred (404) when calling the HeadObject operation: Not Found",
      false,
      [],
    ]);
  });
});

describe("threads", () => {
  /** A host that answers calls only once `n` are in flight (so a sequential sandbox would time out). */
  function gatedHost(n: number, answer: (req: Request) => Answer) {
    const pending: (() => void)[] = [];
    let maxInFlight = 0;
    host.handler = (req) => (req.op === "aws.client" ? ok(S3) : answer(req));
    host.asyncHost = (payload) =>
      new Promise<string>((resolve) => {
        const req = JSON.parse(payload) as Request;
        if (req.op !== "aws.call") {
          resolve(JSON.stringify(host.handler(req)));
          return;
        }
        pending.push(() => resolve(JSON.stringify(answer(req))));
        maxInFlight = Math.max(maxInFlight, pending.length);
        if (pending.length >= n) for (const p of pending.splice(0)) setTimeout(p, 1);
      });
    return { maxInFlight: () => maxInFlight };
  }

  it("ThreadPoolExecutor keeps one AWS call per worker in flight (20 calls, 10 workers)", async () => {
    const gate = gatedHost(10, (req) => ok({ Key: (req.params as Record<string, Json>).Key ?? null }));
    const result = await host.py(`
import boto3, threading
from concurrent.futures import ThreadPoolExecutor, as_completed
s3 = boto3.client("s3")
def fetch(i):
    return s3.head_object(Bucket="b", Key=f"k{i}")["Key"], threading.current_thread().name
with ThreadPoolExecutor(max_workers=10) as ex:
    futures = {ex.submit(fetch, i): i for i in range(20)}
    done = sorted(f.result()[0] for f in as_completed(futures))
    names = {f.result()[1] for f in futures}
with ThreadPoolExecutor(max_workers=10) as ex:
    mapped = list(ex.map(lambda i: fetch(i)[0], range(10)))
result = [len(done), mapped, len(names), all(n.startswith("ThreadPoolExecutor-") for n in names)]
`);
    expect(result).toEqual([20, Array.from({ length: 10 }, (_, i) => `k${i}`), 10, true]);
    expect(gate.maxInFlight()).toBe(10);
  });

  it("threading: Thread/join, Lock, RLock, Event, Queue and thread-locals work per thread", async () => {
    gatedHost(3, () => ok({}));
    const result = await host.py(`
import boto3, threading, queue, time
s3 = boto3.client("s3")
lock = threading.Lock(); rlock = threading.RLock(); results = queue.Queue(); local = threading.local()
counter = [0]; ready = threading.Event()
def work(i):
    local.name = f"w{i}"
    ready.wait()
    if i < 3:
        s3.head_object(Bucket="b", Key=str(i))  # the host answers once all three are in flight
    with lock:
        value = counter[0]
        time.sleep(0.01)  # another thread runs meanwhile and waits for the lock
        counter[0] = value + 1
    with rlock:
        with rlock:
            results.put((i, local.name, threading.get_ident() != threading.main_thread().ident))
threads = [threading.Thread(target=work, args=(i,)) for i in range(5)]
for t in threads: t.start()
alive = sum(t.is_alive() for t in threads)
ready.set()
for t in threads: t.join()
got = sorted(results.get() for _ in range(5))
local.name = "main"
result = [alive, counter[0], got, local.name, [t.is_alive() for t in threads]]
`);
    expect(result).toEqual([
      5,
      5,
      [0, 1, 2, 3, 4].map((i) => [i, `w${i}`, true]),
      "main",
      [false, false, false, false, false],
    ]);
  });

  it("waits for non-daemon threads at the end of a run, as CPython does at exit", async () => {
    host.handler = () => ok({});
    const result = await host.py(`
import threading, time, runscript_runner, json
out = await runscript_runner.run('''
import threading, time
done = []
def late():
    time.sleep(0.05)
    done.append("late")
threading.Thread(target=late).start()
threading.Thread(target=lambda: time.sleep(30), daemon=True).start()
done
''', 10000)
result = json.loads(out)
`);
    expect(result).toEqual({ ok: true, result: ["late"] });
  });
});

describe("tracebacks", () => {
  it("show the script's frames only, never the runner's or the boto3/botocore modules'", async () => {
    host.handler = (req) =>
      req.op === "aws.client"
        ? ok(S3)
        : fail({
            kind: "client",
            code: "NoSuchKey",
            message: "nope",
            httpStatus: 404,
            operation: "GetObject",
          });
    const result = await host.py(`
import json, runscript_runner
out = json.loads(await runscript_runner.run('''
import boto3
def fetch():
    return boto3.client("s3").get_object(Bucket="b", Key="k")
fetch()
''', 10000))
result = out["error"]
`);
    const error = result as { type: string; message: string; traceback: string };
    expect(error.type).toBe("NoSuchKey");
    expect(error.traceback).toContain('File "<script>", line 5, in <module>');
    expect(error.traceback).toContain('File "<script>", line 4, in fetch');
    const frames = error.traceback.split("\n").filter((line) => line.trimStart().startsWith("File "));
    expect(frames).toEqual(['  File "<script>", line 5, in <module>', '  File "<script>", line 4, in fetch']);
    expect(error.traceback.trim().split("\n").at(-1)).toBe(
      "botocore.errorfactory.NoSuchKey: An error occurred (NoSuchKey) when calling the GetObject operation: nope",
    );
  });
});
