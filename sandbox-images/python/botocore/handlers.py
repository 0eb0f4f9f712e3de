"""The parts of botocore's handlers that are about Python types, which JSON cannot carry.

The host applies botocore's request and response handlers (`packages/aws-bridge`); the sandbox only
does what depends on Python's own types:
- request: botocore's `validate_bucket_name` runs `re.search` on an S3 `Bucket`, so a value that is
  not a `str` raises Python's `TypeError` there, before validation (e.g. `Bucket=42`);
- response: CloudFormation `GetTemplate`'s `TemplateBody` is parsed by botocore with
  `object_pairs_hook=OrderedDict` (`json_decode_template_body`), so a JSON template is an
  `OrderedDict` (nested objects too) under boto3; the host sends it as a JSON object, in order.
"""

from collections import OrderedDict

__all__ = ["check_request_types", "restore_response_types"]


def check_request_types(service, params):
    """Raises the `TypeError` botocore's S3 bucket-name check raises for a non-str `Bucket`."""
    if service != "s3" or not isinstance(params, dict) or "Bucket" not in params:
        return
    bucket = params["Bucket"]
    if isinstance(bucket, (bytes, bytearray)):
        raise TypeError("cannot use a string pattern on a bytes-like object")
    if not isinstance(bucket, str):
        raise TypeError(f"expected string or bytes-like object, got '{type(bucket).__name__}'")


def _ordered(value):
    if isinstance(value, dict):
        return OrderedDict((k, _ordered(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def restore_response_types(service, operation, response):
    """`response` of `service`.`operation` (API or method name) with botocore's Python types."""
    if (service == "cloudformation" and operation in ("GetTemplate", "get_template")
            and isinstance(response, dict) and isinstance(response.get("TemplateBody"), dict)):
        response["TemplateBody"] = _ordered(response["TemplateBody"])
    return response
