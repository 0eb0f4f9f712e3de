"""The request handlers botocore runs in Python that the sandbox applies itself, before a call is sent.

The host applies every other botocore handler (it has the models and the raw HTTP); these are the
sandbox's by agreement (bridge-protocol-v2.md), so each happens in exactly one place:

- S3 `CopyObject`/`UploadPartCopy` `CopySource`: a dict `{"Bucket", "Key", "VersionId"?}` becomes
  botocore's string form and a string is percent-encoded, as `handle_copy_source_param` does (a dict
  without `Bucket` or `Key` raises `ParamValidationError`).
"""

import re
from urllib.parse import quote

from botocore.exceptions import ParamValidationError

__all__ = ["apply_request_handlers", "handle_copy_source_param"]

_SAFE = "-._~/"
_VERSION_ID_SUFFIX = re.compile(r"\?versionId=[^\s]+$")
_ACCESSPOINT_ARN = (
    r"^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:]"
    r"[a-zA-Z0-9\-.]{1,63}$"
)
_OUTPOST_ARN = (
    r"^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:]"
    r"[a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$"
)
_VALID_S3_ARN = re.compile("|".join([_ACCESSPOINT_ARN, _OUTPOST_ARN]))


def _encode(text):
    return quote(text.encode("utf-8") if isinstance(text, str) else str(text).encode("utf-8"), safe=_SAFE)


def handle_copy_source_param(params, **kwargs):
    """`CopySource` (dict or str) -> botocore's percent-encoded `bucket/key[?versionId=...]` string."""
    source = params.get("CopySource")
    if source is None:
        return
    if isinstance(source, str):
        match = _VERSION_ID_SUFFIX.search(source)
        if match is None:
            params["CopySource"] = _encode(source)
        else:
            params["CopySource"] = _encode(source[: match.start()]) + source[match.start():]
    elif isinstance(source, dict):
        try:
            bucket = source["Bucket"]
            key = source["Key"]
        except KeyError as exc:
            raise ParamValidationError(report=f"Missing required parameter: {exc}") from None
        version_id = source.get("VersionId")
        final = f"{bucket}/object/{key}" if _VALID_S3_ARN.search(str(bucket)) else f"{bucket}/{key}"
        final = _encode(final)
        if version_id is not None:
            final += f"?versionId={version_id}"
        params["CopySource"] = final


_HANDLERS = {
    ("s3", "copy_object"): (handle_copy_source_param,),
    ("s3", "upload_part_copy"): (handle_copy_source_param,),
}


def apply_request_handlers(service, method_name, params):
    """Applies the sandbox-side handlers of `service`.`method_name` to `params` (a copy is changed)."""
    handlers = _HANDLERS.get((service, method_name))
    if not handlers or not isinstance(params, dict):
        return params
    params = dict(params)
    for handler in handlers:
        handler(params)
    return params
