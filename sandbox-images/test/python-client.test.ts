/**
 * boto3 clients in the sandbox against a fake protocol-v2 host: creation from the host's metadata
 * (unknown services fail at creation), methods and `AttributeError`, regions, `Config`, the exact
 * request payloads, and every error kind mapped to the exception boto3 raises.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeHost, fail, type Json, metadata, ok, type Request } from "./pyodide-harness.js";

const host = new FakeHost();

const S3 = metadata(
  "s3",
  "S3",
  {
    list_buckets: "ListBuckets",
    get_object: "GetObject",
    put_object: "PutObject",
    head_bucket: "HeadBucket",
    list_objects_v2: "ListObjectsV2",
    copy_object: "CopyObject",
  },
  {
    paginators: ["list_objects_v2"],
    waiters: ["bucket_exists", "bucket_not_exists"],
    errors: { NoSuchBucket: "NoSuchBucket", NoSuchKey: "NoSuchKey" },
  },
);
const IAM = metadata(
  "iam",
  "IAM",
  { get_user: "GetUser", list_users: "ListUsers" },
  { errors: { NoSuchEntityException: "NoSuchEntity" }, region: "aws-global" },
);

/** A v2 host knowing s3, iam and logs; answers calls with `call`. */
function v2Host(call: (req: Request) => ReturnType<typeof ok> = () => ok({})) {
  return (req: Request) => {
    if (req.op === "aws.client") {
      if (req.service === "s3") return ok(S3);
      if (req.service === "iam") return ok(IAM);
      if (req.service === "logs")
        return ok(metadata("logs", "CloudWatch Logs", { describe_log_groups: "DescribeLogGroups" }));
      return fail({
        kind: "unknown_service",
        code: "UnknownService",
        message: `unknown service ${String(req.service)}`,
        known: ["iam", "logs", "s3"],
      });
    }
    return call(req);
  };
}

beforeAll(() => host.start());
beforeEach(() => host.reset());
afterAll(() => host.pyodide.setStdout());

describe("client creation", () => {
  it("asks the host for the service's metadata once and names the class after the service", async () => {
    host.handler = v2Host();
    const result = await host.py(`
import boto3
a = boto3.client("s3"); b = boto3.client("s3", region_name="eu-west-1"); logs = boto3.client("logs")
result = [type(a).__name__, type(a).__module__, type(logs).__name__, repr(a).startswith("<botocore.client.S3 object at"),
          a.meta.region_name, b.meta.region_name, a.meta.service_model.service_name,
          str(a.meta.service_model.service_id), logs.meta.service_model.service_id.hyphenize(),
          a.meta.method_to_api_mapping["list_objects_v2"], type(a.exceptions).__name__,
          sorted(a.meta.service_model.operation_names)[:2]]
`);
    expect(result).toEqual([
      "S3",
      "botocore.client",
      "CloudWatchLogs",
      true,
      "us-east-1",
      "eu-west-1",
      "s3",
      "S3",
      "cloudwatch-logs",
      "ListObjectsV2",
      "S3Exceptions",
      ["CopyObject", "GetObject"],
    ]);
    expect(host.requests().filter((r) => r.op === "aws.client")).toEqual([
      { op: "aws.client", service: "s3" },
      { op: "aws.client", service: "logs" },
    ]);
  });

  it("raises UnknownServiceError at creation, so `except ClientError` loops never see the service", async () => {
    host.handler = v2Host();
    const result = await host.py(`
import boto3
from botocore.exceptions import UnknownServiceError, DataNotFoundError, ClientError
try:
    boto3.client("s3x")
    result = "created"
except ClientError:
    result = "ClientError"
except UnknownServiceError as e:
    result = [str(e), isinstance(e, DataNotFoundError), e.kwargs["service_name"]]
`);
    expect(result).toEqual(["Unknown service: 's3x'. Valid service names are: iam, logs, s3", true, "s3x"]);
    expect(host.calls()).toEqual([]);
  });

  it("has the service's operations as methods only: others raise AttributeError and hasattr is False", async () => {
    host.handler = v2Host();
    const result = await host.py(`
import boto3
s3 = boto3.client("s3")
result = [hasattr(s3, "list_buckets"), hasattr(s3, "list_bucket"), hasattr(s3, "ListBuckets"),
          "get_object" in dir(s3), "upload_fileobj" in dir(s3), s3.get_object.__name__]
for name in ["list_bucket", "ListBuckets"]:
    try:
        getattr(s3, name)
    except AttributeError as e:
        result.append(str(e))
try:
    s3.get_object("bucket", "key")
except TypeError as e:
    result.append(str(e))
`);
    expect(result).toEqual([
      true,
      false,
      false,
      true,
      true,
      "get_object",
      "'S3' object has no attribute 'list_bucket'",
      "'S3' object has no attribute 'ListBuckets'",
      "get_object() only accepts keyword arguments.",
    ]);
    expect(host.calls()).toEqual([]);
  });

  it("takes the region from region_name, then Config, then AWS_DEFAULT_REGION, then the host", async () => {
    host.handler = v2Host();
    const result = await host.py(`
import boto3, os
from botocore.config import Config
from botocore.exceptions import InvalidRegionError
result = [boto3.Session().region_name, boto3.client("s3").meta.region_name]
os.environ["AWS_DEFAULT_REGION"] = "eu-north-1"
result += [boto3.Session().region_name, boto3.client("s3").meta.region_name,
           boto3.client("s3", config=Config(region_name="ap-south-1")).meta.region_name,
           boto3.client("s3", region_name="sa-east-1", config=Config(region_name="ap-south-1")).meta.region_name,
           boto3.Session(region_name="us-west-2").client("s3").meta.region_name]
try:
    boto3.client("s3", region_name="us east 1")
except InvalidRegionError as e:
    result += [str(e), isinstance(e, ValueError)]
`);
    expect(result).toEqual([
      null,
      "us-east-1",
      "eu-north-1",
      "eu-north-1",
      "ap-south-1",
      "sa-east-1",
      "us-west-2",
      "Provided region_name 'us east 1' doesn't match a supported format.",
      true,
    ]);
  });

  it("accepts botocore Config options and refuses those that choose endpoints, proxies or certificates", async () => {
    host.handler = v2Host();
    const result = await host.py(`
import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import SandboxRestrictionError, InvalidRetryModeError, InvalidS3AddressingStyleError
cfg = Config(retries={"max_attempts": 10, "mode": "adaptive"}, connect_timeout=5, read_timeout=30,
             signature_version=UNSIGNED, max_pool_connections=50, s3={"addressing_style": "path"},
             user_agent_extra="audit")
c = boto3.client("s3", config=cfg)
result = [c.meta.config.retries, c.meta.config.read_timeout, c.meta.config.connect_timeout,
          Config().read_timeout, cfg.merge(Config(read_timeout=1)).read_timeout]
for kwargs in [{"proxies": {"https": "http://p:3128"}}, {"use_fips_endpoint": True}, {"client_cert": "c.pem"},
               {"s3": {"use_accelerate_endpoint": True}}, {"use_dualstack_endpoint": True}]:
    try:
        Config(**kwargs)
        result.append("accepted")
    except SandboxRestrictionError as e:
        result.append(isinstance(e, NotImplementedError) and "host chooses" in str(e))
for make in [lambda: Config(retries={"mode": "fast"}), lambda: Config(s3={"addressing_style": "x"}),
             lambda: Config(bogus=1)]:
    try:
        make()
    except (InvalidRetryModeError, InvalidS3AddressingStyleError, TypeError) as e:
        result.append(str(e))
`);
    expect(result).toEqual([
      { max_attempts: 10, mode: "adaptive" },
      30,
      5,
      60,
      1,
      true,
      true,
      true,
      true,
      true,
      "Invalid value provided to \"mode\": \"fast\" must be one of: ('legacy', 'standard', 'adaptive')",
      "S3 addressing style x is invalid. Valid options are: 'auto', 'virtual', and 'path'",
      "Got unexpected keyword argument 'bogus'",
    ]);
  });

  it("refuses endpoints, credentials and profiles before asking the host anything", async () => {
    host.handler = v2Host();
    const result = await host.py(`
import boto3
from botocore.exceptions import SandboxRestrictionError
result = []
for kwargs in [{"endpoint_url": "http://169.254.169.254"}, {"aws_access_key_id": "AKIA"},
               {"aws_secret_access_key": "s"}, {"aws_session_token": "t"}, {"verify": False}]:
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
    boto3.client("s3", config=object())
except TypeError as e:
    result.append("Config" in str(e))
`);
    expect(result).toEqual([true, true, true, true, true, true, true, true, true]);
    expect(host.sent).toEqual([]);
  });
});

describe("calls", () => {
  it("sends each call as one aws.call payload, snake_case as written, with the client's region", async () => {
    host.handler = v2Host((req) => ok({ Echo: req.operation ?? null }));
    const result = await host.py(`
import boto3
from runscript_aws import call_boto3
s3 = boto3.client("s3", region_name="us-east-1")
r1 = s3.list_buckets()
r2 = s3._make_api_call("GetObject", {"Bucket": "b", "Key": "k"})
r3 = await call_boto3("s3", "ListBuckets", "eu-west-1", {"MaxBuckets": 5})
result = [r1["Echo"], r2["Echo"], r3["Echo"]]
`);
    expect(result).toEqual(["list_buckets", "get_object", "ListBuckets"]);
    expect(host.sent.filter((s) => s.payload.includes('"aws.call"'))).toEqual([
      {
        channel: "async",
        payload:
          '{"op":"aws.call","v":2,"service":"s3","operation":"list_buckets","region":"us-east-1","params":{}}',
      },
      {
        channel: "async",
        payload:
          '{"op":"aws.call","v":2,"service":"s3","operation":"get_object","region":"us-east-1","params":{"Bucket":"b","Key":"k"}}',
      },
      {
        channel: "async",
        payload:
          '{"op":"aws.call","v":2,"service":"s3","operation":"ListBuckets","region":"eu-west-1","params":{"MaxBuckets":5}}',
      },
    ]);
  });

  it("sends CopySource as written (the host applies botocore's encoding, for every caller)", async () => {
    host.handler = v2Host();
    await host.py(`
import boto3
boto3.client("s3").copy_object(Bucket="dst", Key="k", CopySource={"Bucket": "src", "Key": "a b/ü+c.txt"})
result = None
`);
    expect(host.calls()[0]?.params).toEqual({
      Bucket: "dst",
      Key: "k",
      CopySource: { Bucket: "src", Key: "a b/ü+c.txt" },
    });
  });
});

describe("errors", () => {
  it("raises the modeled client.exceptions class for a modeled wire code, ClientError otherwise", async () => {
    host.handler = v2Host((req) => {
      if (req.service === "iam")
        return fail({
          kind: "client",
          code: "NoSuchEntity",
          message: "The user with name x cannot be found.",
          httpStatus: 404,
          requestId: "R1",
          operation: "GetUser",
          response: {
            Error: { Type: "Sender", Code: "NoSuchEntity", Message: "The user with name x cannot be found." },
            ResponseMetadata: { RequestId: "R1", HTTPStatusCode: 404, HTTPHeaders: {}, RetryAttempts: 0 },
          },
        });
      return fail({
        kind: "client",
        code: "AccessDenied",
        message: "Access Denied",
        httpStatus: 403,
        operation: "ListBuckets",
      });
    });
    const result = await host.py(`
import boto3
from botocore.exceptions import ClientError
iam = boto3.client("iam"); s3 = boto3.client("s3")
result = []
try:
    iam.get_user(UserName="x")
except iam.exceptions.NoSuchEntityException as e:
    result += [type(e).__name__, e.response["Error"]["Code"], e.response["Error"]["Type"], str(e),
               e.response["ResponseMetadata"]["HTTPStatusCode"], iam.exceptions.from_code("NoSuchEntity") is type(e)]
try:
    s3.list_buckets()
except ClientError as e:
    result += [type(e) is ClientError, str(e)]
try:
    s3.exceptions.NoSuchThing
except AttributeError as e:
    result.append(str(e).split(" object has no attribute ")[1])
result.append(s3.exceptions.NoSuchBucket is boto3.client("s3").exceptions.NoSuchBucket)
`);
    expect(result).toEqual([
      "NoSuchEntityException",
      "NoSuchEntity",
      "Sender",
      "An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name x cannot be found.",
      404,
      true,
      true,
      "An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied",
      "NoSuchThing. Valid exceptions are: NoSuchBucket, NoSuchKey",
      true,
    ]);
  });

  it("maps validation, connection, timeout, refused and host errors to boto3's exceptions", async () => {
    const errors: Record<string, { [key: string]: Json }> = {
      validation: {
        kind: "validation",
        code: "ParamValidation",
        message: "Parameter validation failed",
        report: 'Unknown parameter in input: "MaxKey", must be one of: Bucket, MaxKeys',
      },
      connection: {
        kind: "connection",
        code: "EndpointConnectionError",
        message: "x",
        endpoint: "https://s3.us-east-1.amazonaws.com/",
      },
      read_timeout: {
        kind: "read_timeout",
        code: "ReadTimeout",
        message: "x",
        endpoint: "https://s3.us-east-1.amazonaws.com/",
      },
      refused: {
        kind: "refused",
        code: "AccessDeniedByPolicy",
        message: "s3:PutObject is not allowed for a read-only principal",
        httpStatus: 403,
        operation: "PutObject",
      },
      host: { kind: "host", code: "InternalError", message: "the AWS bridge failed", operation: "PutObject" },
      future: { kind: "brand_new_kind", code: "Whatever", message: "m", operation: "PutObject" },
    };
    host.handler = v2Host((req) => fail(errors[String((req.params as Record<string, Json>).Key)] ?? {}));
    const result = await host.py(`
import boto3
from botocore.exceptions import (ClientError, ParamValidationError, EndpointConnectionError, ReadTimeoutError,
                                 ConnectionError, HTTPClientError, BotoCoreError)
s3 = boto3.client("s3")
result = {}
for key in ["validation", "connection", "read_timeout", "refused", "host", "future"]:
    try:
        s3.put_object(Bucket="b", Key=key)
    except Exception as e:
        result[key] = [type(e).__name__, str(e), isinstance(e, BotoCoreError), isinstance(e, OSError)]
`);
    expect(result).toEqual({
      validation: [
        "ParamValidationError",
        'Parameter validation failed:\nUnknown parameter in input: "MaxKey", must be one of: Bucket, MaxKeys',
        true,
        false,
      ],
      connection: [
        "EndpointConnectionError",
        'Could not connect to the endpoint URL: "https://s3.us-east-1.amazonaws.com/"',
        true,
        false,
      ],
      read_timeout: [
        "ReadTimeoutError",
        'Read timeout on endpoint URL: "https://s3.us-east-1.amazonaws.com/"',
        true,
        true,
      ],
      refused: [
        "ClientError",
        "An error occurred (AccessDeniedByPolicy) when calling the PutObject operation: s3:PutObject is not allowed for a read-only principal",
        false,
        false,
      ],
      host: [
        "ClientError",
        "An error occurred (InternalError) when calling the PutObject operation: the AWS bridge failed",
        false,
        false,
      ],
      future: [
        "ClientError",
        "An error occurred (Whatever) when calling the PutObject operation: m",
        false,
        false,
      ],
    });
  });

  it("treats a malformed host answer as a bridge fault, not a ClientError", async () => {
    const result = await host.py(`
import runscript_aws
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

  it("exports every botocore exception class agents import, with botocore's hierarchy", async () => {
    const result = await host.py(`
import botocore.exceptions as x
names = ["EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "InvalidRegionError",
         "ProfileNotFound", "PartialCredentialsError", "NoCredentialsError", "WaiterError", "UnknownServiceError",
         "ParamValidationError", "BotoCoreError", "ClientError", "NoRegionError", "CredentialRetrievalError",
         "ConnectionClosedError", "SSLError", "ProxyConnectionError", "IncompleteReadError", "PaginationError",
         "OperationNotPageableError", "DataNotFoundError", "UnknownRegionError", "ValidationError",
         "EventStreamError", "UnauthorizedSSOTokenError", "TokenRetrievalError", "ResponseStreamingError"]
result = {n: [b.__name__ for b in getattr(x, n).__mro__ if b.__module__ == "botocore.exceptions"
             and not b.__name__.startswith("_")] for n in names}
result["fmt"] = [str(x.ProfileNotFound(profile="p")), str(x.PartialCredentialsError(provider="env", cred_var="k")),
                 str(x.NoCredentialsError()), str(x.ConnectTimeoutError(endpoint_url="u"))]
`);
    const mro = result as Record<string, string[]>;
    expect(mro.ConnectTimeoutError).toEqual(["ConnectTimeoutError", "ConnectionError", "BotoCoreError"]);
    expect(mro.ReadTimeoutError).toEqual(["ReadTimeoutError", "HTTPClientError", "BotoCoreError"]);
    expect(mro.InvalidRegionError).toEqual(["InvalidRegionError", "ValidationError", "BotoCoreError"]);
    expect(mro.UnknownServiceError).toEqual(["UnknownServiceError", "DataNotFoundError", "BotoCoreError"]);
    expect(mro.EventStreamError).toEqual(["EventStreamError", "ClientError"]);
    expect(mro.UnauthorizedSSOTokenError).toEqual(["UnauthorizedSSOTokenError", "SSOError", "BotoCoreError"]);
    expect((result as Record<string, string[]>).fmt).toEqual([
      "The config profile (p) could not be found",
      "Partial credentials found in env, missing: k",
      "Unable to locate credentials",
      'Connect timeout on endpoint URL: "u"',
    ]);
  });
});

describe("protocol v1 host", () => {
  it("falls back to permissive clients and per-code exception classes when aws.client is unknown", async () => {
    host.handler = (req) =>
      req.op === "aws.client"
        ? fail({ code: "InvalidRequest", message: "invalid bridge request", httpStatus: 400 })
        : fail({ code: "NoSuchBucket", message: "nope", httpStatus: 404, operation: "ListObjectsV2" });
    const result = await host.py(`
import boto3
s3 = boto3.client("s3")
try:
    s3.list_objects_v2(Bucket="b")
except s3.exceptions.NoSuchBucket as e:
    result = [type(e).__name__, s3.meta.region_name, hasattr(s3, "anything_snake")]
`);
    expect(result).toEqual(["NoSuchBucket", null, true]);
  });
});
