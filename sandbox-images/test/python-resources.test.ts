/**
 * `boto3.resource(...)` against a fake protocol-v2 host: the requests resources make (collections
 * through paginators, lazy loads, actions, DynamoDB's high-level interface) and what they return.
 * (End to end, side by side with boto3 against moto: the oracle's resource scripts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Answer, FakeHost, fail, type Json, metadata, ok, type Request } from "./pyodide-harness.js";

const host = new FakeHost();

const S3 = metadata(
  "s3",
  "S3",
  {
    list_buckets: "ListBuckets",
    list_objects: "ListObjects",
    head_object: "HeadObject",
    get_object: "GetObject",
  },
  { paginators: ["list_objects"] },
);
const DYNAMODB = metadata(
  "dynamodb",
  "DynamoDB",
  { query: "Query", describe_table: "DescribeTable", batch_write_item: "BatchWriteItem" },
  { paginators: ["query"] },
);

function s3Host(req: Request): Answer {
  if (req.op === "aws.client") return ok(req.service === "s3" ? S3 : DYNAMODB);
  if (req.op === "aws.paginator")
    return ok(
      req.operation === "list_objects"
        ? {
            input_token: "Marker",
            output_token: "NextMarker || Contents[-1].Key",
            more_results: "IsTruncated",
            limit_key: "MaxKeys",
            limit_key_type: "integer",
            result_key: ["Contents", "CommonPrefixes"],
          }
        : null,
    );
  const p = (req.params ?? {}) as Record<string, Json>;
  switch (req.operation) {
    case "list_buckets":
      return ok({ Buckets: [{ Name: "b1", CreationDate: { $ts: "2024-05-06T07:08:09Z" } }, { Name: "b2" }] });
    case "list_objects": {
      const keys = ["a/1", "a/2", "a/3", "b/1"].filter((k) => k.startsWith(String(p.Prefix ?? "")));
      const start = typeof p.Marker === "string" ? keys.indexOf(p.Marker) + 1 : 0;
      const page = keys.slice(start, start + 2);
      return ok({
        Contents: page.map((Key) => ({ Key, Size: Key.length })),
        IsTruncated: start + 2 < keys.length,
      });
    }
    case "head_object":
      return p.Key === "missing"
        ? fail({
            kind: "client",
            code: "404",
            message: "Not Found",
            httpStatus: 404,
            operation: "HeadObject",
          })
        : ok({ ContentLength: 5, ContentType: "text/plain" });
    default:
      return ok({});
  }
}

beforeAll(() => host.start());
beforeEach(() => host.reset());
afterAll(() => host.pyodide.setStdout());

describe("S3 resources", () => {
  it("iterates collections through the paginator and loads attributes lazily", async () => {
    host.handler = s3Host;
    const result = await host.py(`
import boto3
s3 = boto3.resource("s3")
buckets = list(s3.buckets.all())
b = s3.Bucket("b1")
keys = [o.key for o in b.objects.filter(Prefix="a/")]
limited = [o.key for o in b.objects.limit(3)]
obj = s3.Object("b1", "a/1")
summary = next(iter(b.objects.all()))
result = [repr(s3), [repr(x) for x in buckets], type(s3.buckets).__name__, keys, limited,
          obj.content_length, obj.content_type, summary.size, b.creation_date.isoformat(),
          s3.Bucket("b1") == b, hash(s3.Bucket("b1")) == hash(b), "objects" in dir(b), b.get_available_subresources()[:3]]
`);
    expect(result).toEqual([
      "s3.ServiceResource()",
      ["s3.Bucket(name='b1')", "s3.Bucket(name='b2')"],
      "s3.bucketsCollectionManager",
      ["a/1", "a/2", "a/3"],
      ["a/1", "a/2", "a/3"],
      5,
      "text/plain",
      3,
      "2024-05-06T07:08:09+00:00",
      true,
      true,
      true,
      ["Acl", "Cors", "Lifecycle"],
    ]);
    const listCalls = host.calls().filter((c) => c.operation === "list_objects");
    expect(listCalls.map((c) => c.params)).toEqual([
      { Bucket: "b1", Prefix: "a/" },
      { Bucket: "b1", Prefix: "a/", Marker: "a/2" },
      { Bucket: "b1" },
      { Bucket: "b1", Marker: "a/2" },
      { Bucket: "b1" },
    ]);
    expect(host.calls().filter((c) => c.operation === "head_object")).toHaveLength(1);
  });

  it("raises ResourceNotExistsError for a service without resources, as boto3", async () => {
    host.handler = (req) =>
      req.op === "aws.client" && req.service === "kms"
        ? ok(metadata("kms", "KMS", { list_keys: "ListKeys" }))
        : fail({ kind: "unknown_service", code: "UnknownService", message: "no", known: ["kms", "s3"] });
    const result = await host.py(`
import boto3
from boto3.exceptions import ResourceNotExistsError
result = []
for name in ["kms", "nope"]:
    try:
        boto3.resource(name)
    except ResourceNotExistsError as e:
        result.append(str(e))
`);
    const messages = result as string[];
    expect(messages[0]).toContain(
      "The 'kms' resource does not exist.\nThe available resources are:\n   - cloudformation\n",
    );
    expect(messages[0]).toContain("Consider using a boto3.client('kms') instead of a resource for 'kms'");
    expect(messages[1]).not.toContain("Consider using");
  });
});

describe("DynamoDB resources", () => {
  it("Table.query takes Key conditions and plain values and returns plain values", async () => {
    host.handler = (req) => {
      if (req.op === "aws.client") return ok(DYNAMODB);
      if (req.op === "aws.paginator") return ok(null);
      if (req.operation === "query")
        return ok({ Items: [{ pk: { S: "a" }, n: { N: "2.50" } }], Count: 1, ScannedCount: 1 });
      if (req.operation === "batch_write_item") return ok({ UnprocessedItems: {} });
      return ok({});
    };
    const result = await host.py(`
import boto3
from decimal import Decimal
from boto3.dynamodb.conditions import Key, Attr
table = boto3.resource("dynamodb").Table("orders")
params = {"KeyConditionExpression": Key("pk").eq("a"), "FilterExpression": Attr("n").gte(Decimal("2"))}
r = table.query(**params)
with table.batch_writer() as w:
    for i in range(30):
        w.put_item(Item={"pk": f"k{i}", "n": i})
result = [r["Items"], type(r["Items"][0]["n"]).__name__, r["Count"], isinstance(params["FilterExpression"], Attr("x").eq(1).__class__.__mro__[-2]),
          repr(table), table.name]
`);
    expect(result).toEqual([
      [{ pk: "a", n: "Decimal('2.50')" }],
      "Decimal",
      1,
      true,
      "dynamodb.Table(name='orders')",
      "orders",
    ]);
    const query = host.calls().find((c) => c.operation === "query");
    expect(query?.params).toEqual({
      TableName: "orders",
      // As boto3: ConditionExpression-shaped members (the filter) get their placeholders first.
      FilterExpression: "#n0 >= :v0",
      KeyConditionExpression: "#n1 = :v1",
      ExpressionAttributeNames: { "#n0": "n", "#n1": "pk" },
      ExpressionAttributeValues: { ":v0": { N: "2" }, ":v1": { S: "a" } },
    });
    const batches = host.calls().filter((c) => c.operation === "batch_write_item");
    expect(
      batches.map(
        (b) => ((b.params as Record<string, Record<string, Json[]>>).RequestItems?.orders ?? []).length,
      ),
    ).toEqual([25, 5]);
  });
});
