/**
 * The fidelity points of issues 11 (host side) and 12 (Python side) that the scripts must cover.
 * Every point has at least one script (`# points:` in its header); the catalog test checks it.
 */
export const FIDELITY_POINTS = {
  // issue 11: parameters
  "validation-unknown-param": "unknown parameter -> ParamValidationError before any request",
  "validation-missing-required": "missing required parameter -> ParamValidationError",
  "validation-wrong-type": "wrong type (str for int, float for int, ...) -> ParamValidationError",
  "validation-dict-for-list": "a dict where a list is expected (Filters={...})",
  "validation-str-for-list": "a str where a list is expected (InstanceIds='i-...')",
  "validation-range": "values below a member's minimum (botocore checks min)",
  // issue 11: errors
  "error-head-404": "HEAD without body: Error.Code '404', Message 'Not Found'",
  "error-iam-no-such-entity": "IAM NoSuchEntity (not NoSuchEntityException)",
  "error-sns-not-found": "SNS NotFound",
  "error-sqs-nonexistent-queue": "SQS AWS.SimpleQueueService.NonExistentQueue",
  "error-wire-codes": "Error.Code is the wire code for REST-XML, query, EC2 and JSON protocols",
  "error-modeled-exceptions": "client.exceptions.<Shape> catches its wire code",
  "error-response": "the whole error response (Error, ResponseMetadata.HTTPStatusCode, members)",
  // issue 11: responses
  "iam-policy-documents": "IAM policy documents decoded to dicts",
  "s3-location-constraint": "get_bucket_location -> LocationConstraint None for us-east-1",
  "response-metadata": "ResponseMetadata: RequestId, HTTPStatusCode, HTTPHeaders, RetryAttempts",
  floats: "floats stay floats (5.0 is not 5)",
  timestamps: "timestamps: datetime with the wire's precision and time zone",
  "credential-report": "read-only IAM credential-report audit (Generate/GetCredentialReport)",
  "many-services": "services beyond the first 18 (ssm, elbv2, acm, route53, ecr, eks, ...)",
  // issue 12: the convenience layer
  "streaming-body": "StreamingBody read(amt), iter_chunks, iter_lines, close, context manager",
  "file-like-body": "file-like and str bodies accepted where boto3 accepts them",
  "s3-transfer": "upload_fileobj / download_fileobj / upload_file / download_file",
  "copy-source-dict": "copy_object(CopySource={'Bucket': ..., 'Key': ...})",
  "paginator-sums": "build_full_result sums numeric result keys (DynamoDB Count/ScannedCount)",
  "paginator-non-aggregate": "build_full_result keeps non_aggregate_keys from the first page",
  "paginator-search": "PageIterator.search with JMESPath",
  "paginator-botocore-only": "list_objects, list_object_versions, list_multipart_uploads paginators",
  "can-paginate": "can_paginate is True for every botocore paginator",
  waiters: "get_waiter(...).wait(...) with WaiterConfig",
  "waiter-names": "client.waiter_names is a list",
  "dynamodb-types": "boto3.dynamodb.types TypeSerializer / TypeDeserializer / Binary",
  "dynamodb-conditions": "boto3.dynamodb.conditions Key / Attr",
  "botocore-config": "botocore.config.Config accepted (retries, timeouts, region_name)",
  "exception-imports": "botocore.exceptions classes importable, with boto3's hierarchy",
  "unknown-service": "boto3.client('s3x') -> UnknownServiceError at creation",
  "unknown-method": "a misspelled method -> AttributeError; hasattr is False",
  "region-name": "Session().region_name and client.meta.region_name",
  "thread-pool": "ThreadPoolExecutor, as_completed, executor.map for AWS calls",
  dateutil: "dateutil parser, tz, relativedelta",
  jmespath: "jmespath.search on responses",
  "boto3-resource": "boto3.resource(...)",
  // both: what agents actually do with it
  audit: "a real audit script of a service, written the way agents write them",
  "uncaught-error": "a script that ends with an uncaught botocore exception (the run's outcome)",
} as const;

export type FidelityPoint = keyof typeof FIDELITY_POINTS;

export function isFidelityPoint(name: string): name is FidelityPoint {
  return Object.hasOwn(FIDELITY_POINTS, name);
}
