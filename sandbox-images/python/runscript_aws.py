"""The sandbox side of the runscript AWS bridge: every AWS call a script makes goes through here.

A script never holds credentials and never opens a socket. It sends one JSON request per call to the
host through the `_runscript_host` JavaScript module (registered by the sandbox before the script
runs); the host checks policy and budgets, makes the call with its own credentials, and answers with
one JSON string. The wire format is `packages/aws-bridge/src/protocol.ts`:

- request  `{"op": "aws.call", "service", "operation", "region", "params"}`
           `{"op": "aws.paginator", "service", "operation"}`
- answer   `{"ok": true, "value": ...}` or
           `{"ok": false, "error": {"code", "message", "httpStatus", "requestId", "operation"}}`
- values   bytes travel as `{"$bytes": "<base64>"}`, timestamps as `{"$date": "<ISO 8601>"}`, both ways.

Public functions: `call_sync`, `call_async`, `call_boto3` (the AWS-managed run_script entry point),
`paginator_info`, `encode_params`, `decode_value`, `client_error`, `exception_class`.

This module is imported before the interpreter's memory snapshot is taken, so it must not touch the
`js` module or `_runscript_host` at import time: `_host()` imports it lazily, inside calls only.
"""

import base64
import datetime
import json
import math
import re

from botocore.exceptions import ClientError, ParamValidationError

__all__ = [
    "call_async",
    "call_boto3",
    "call_sync",
    "client_error",
    "decode_value",
    "encode_params",
    "exception_class",
    "paginator_info",
]

_MAX_DEPTH = 100
_UTC = datetime.timezone.utc
_CODE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_VALID_TYPES = "str, int, float, bool, None, bytes, datetime, date, list, tuple, set, dict"

# One ClientError subclass per (service, error code), shared by every client of the service, so
# `except s3.exceptions.NoSuchBucket` matches an error raised through any S3 client.
_exception_classes = {}


class BridgeProtocolError(RuntimeError):
    """The host answered with something that is not a valid bridge answer (a host fault)."""


def _host():
    import _runscript_host  # registered by the sandbox just before the script runs

    return _runscript_host


# ---------------------------------------------------------------------------------------------------
# Encoding requests
# ---------------------------------------------------------------------------------------------------


def _encode_datetime(value):
    if isinstance(value, datetime.datetime):
        # Naive datetimes are taken as UTC (as botocore does for timestamps it serializes).
        aware = value.replace(tzinfo=_UTC) if value.tzinfo is None else value.astimezone(_UTC)
    else:
        aware = datetime.datetime(value.year, value.month, value.day, tzinfo=_UTC)
    # Millisecond precision: what AWS timestamps and JavaScript `Date` carry.
    text = aware.isoformat(timespec="milliseconds")
    return {"$date": text.replace("+00:00", "Z")}


def _invalid(path, value, reason=None):
    try:
        shown = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real problem
        shown = f"<{type(value).__name__}>"
    if len(shown) > 100:
        shown = shown[:97] + "..."
    report = reason or (
        f"Invalid type for parameter {path or 'params'}, value: {shown}, type: {type(value)}, "
        f"valid types: {_VALID_TYPES}"
    )
    return ParamValidationError(report=report)


def _encode(value, path, depth, seen):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            reason = f"Invalid value for parameter {path}: {value!r} is not a finite number"
            raise _invalid(path, value, reason)
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (datetime.datetime, datetime.date)):
        return _encode_datetime(value)
    if not isinstance(value, (dict, list, tuple, set, frozenset)):
        raise _invalid(path, value)
    if depth >= _MAX_DEPTH or id(value) in seen:
        raise _invalid(path, value, f"Invalid value for parameter {path}: nested too deeply (or a cycle)")
    seen.add(id(value))
    try:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    where = path or "params"
                    raise _invalid(where, key, f"Invalid key {key!r} in parameter {where}: keys must be str")
                out[key] = _encode(item, f"{path}.{key}" if path else key, depth + 1, seen)
            return out
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_encode(item, f"{path}[{i}]", depth + 1, seen) for i, item in enumerate(items)]
    finally:
        seen.discard(id(value))


def encode_params(params):
    """Encodes an operation's keyword parameters into the bridge's JSON-ready form.

    bytes/bytearray/memoryview become `{"$bytes": base64}`; datetime/date become `{"$date": ISO 8601}`
    in UTC with millisecond precision (naive datetimes are UTC, a date is its midnight UTC); tuples
    and sets become lists. Anything else (objects, NaN/Infinity, non-str keys, cycles) raises
    `botocore.exceptions.ParamValidationError` before anything is sent.
    """
    if params is None:
        return {}
    if not isinstance(params, dict):
        reason = f"params must be a dict of operation parameters, not {type(params).__name__}"
        raise _invalid("", params, reason)
    return _encode(params, "", 0, set())


# ---------------------------------------------------------------------------------------------------
# Decoding answers
# ---------------------------------------------------------------------------------------------------


def _decode_date(text):
    value = datetime.datetime.fromisoformat(text)
    return value.replace(tzinfo=_UTC) if value.tzinfo is None else value


def _object_hook(obj):
    if len(obj) == 1:
        if isinstance(obj.get("$bytes"), str):
            return base64.b64decode(obj["$bytes"], validate=True)
        if isinstance(obj.get("$date"), str):
            return _decode_date(obj["$date"])
    return obj


def decode_value(text):
    """Parses a JSON answer value: `$bytes` tags become `bytes`, `$date` tags aware `datetime`s (UTC)."""
    return json.loads(text, object_hook=_object_hook)


# ---------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------


def _pascal(operation):
    """`list_objects_v2` -> `ListObjectsV2` (a fallback when the host does not name the operation)."""
    if "_" not in operation and operation[:1].isupper():
        return operation
    return "".join(part[:1].upper() + part[1:] for part in operation.split("_"))


def exception_class(service, code):
    """The ClientError subclass for an error `code` of `service` (created on first use, then shared).

    Codes that are not Python identifiers (e.g. `Throttling.Exception`) get plain `ClientError`.
    """
    if not isinstance(code, str) or not _CODE_NAME.match(code):
        return ClientError
    key = (str(service).lower(), code)
    cls = _exception_classes.get(key)
    if cls is None:
        cls = type(code, (ClientError,), {"__module__": "botocore.errorfactory"})
        _exception_classes[key] = cls
    return cls


def client_error(service, operation, error):
    """Builds the ClientError (subclass) a script sees for a bridge `error` answer."""
    code = str(error.get("code") or "Unknown")
    response = {
        "Error": {"Code": code, "Message": str(error.get("message") or "")},
        "ResponseMetadata": {
            "RequestId": error.get("requestId"),
            "HTTPStatusCode": error.get("httpStatus"),
        },
    }
    operation_name = error.get("operation") or _pascal(str(operation))
    return exception_class(service, code)(response, operation_name)


# ---------------------------------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------------------------------


def _check_name(what, value):
    if not isinstance(value, str) or not value:
        raise ParamValidationError(report=f"{what} must be a non-empty str, not {value!r}")


def _call_request(service, operation, region, params):
    _check_name("service_name", service)
    _check_name("operation_name", operation)
    if region is not None and not isinstance(region, str):
        raise ParamValidationError(report=f"region_name must be a str or None, not {region!r}")
    return json.dumps({
        "op": "aws.call",
        "service": service,
        "operation": operation,
        "region": region,
        "params": encode_params(params),
    }, separators=(",", ":"))


def _answer(service, operation, text):
    if not isinstance(text, str):
        raise BridgeProtocolError(f"the host bridge answered with {type(text).__name__}, not a JSON string")
    try:
        answer = decode_value(text)
    except ValueError as exc:
        raise BridgeProtocolError(f"the host bridge answered with invalid JSON: {exc}") from None
    if not isinstance(answer, dict) or answer.get("ok") not in (True, False):
        raise BridgeProtocolError("the host bridge answered without an 'ok' flag")
    if answer["ok"]:
        return answer.get("value")
    error = answer.get("error")
    if not isinstance(error, dict):
        raise BridgeProtocolError("the host bridge reported a failure without an error")
    raise client_error(service, operation, error)


def call_sync(service, operation, region=None, params=None):
    """Calls `service`.`operation` through the host and waits for the answer (the script pauses).

    Returns the decoded response (a dict for AWS operations); raises `ClientError` (the subclass
    for the error code) when the call fails or policy denies it, `ParamValidationError` when
    `params` cannot be sent.
    """
    request = _call_request(service, operation, region, params)
    return _answer(service, operation, _host().call_sync(request))


async def call_async(service, operation, region=None, params=None):
    """Like `call_sync`, but awaitable: many calls can be in flight at once (`asyncio.gather`)."""
    request = _call_request(service, operation, region, params)
    text = await _host().call_async(request)
    return _answer(service, operation, text)


async def call_boto3(service_name, operation_name, region_name=None, params=None):
    """Calls one AWS operation; compatible with AWS-managed run_script's `call_boto3`.

    `operation_name` may be PascalCase (`ListBuckets`) or snake_case (`list_buckets`); the host
    resolves both. `params` is the operation's parameters as a dict (None for none).

    Example::

        buckets = await call_boto3("s3", "list_buckets")
        pages = await asyncio.gather(*[
            call_boto3("ec2", "DescribeInstances", region_name=r) for r in ("us-east-1", "eu-west-1")
        ])
    """
    return await call_async(service_name, operation_name, region_name, params)


def paginator_info(service, operation):
    """Asks the host how `operation` paginates.

    Returns `{"inputToken", "outputToken", "pageSizeKey"}` (plus whatever else the host sends), or
    None when the operation cannot be paginated.
    """
    _check_name("service_name", service)
    _check_name("operation_name", operation)
    request = json.dumps(
        {"op": "aws.paginator", "service": service, "operation": operation}, separators=(",", ":")
    )
    info = _answer(service, operation, _host().call_sync(request))
    if info is None:
        return None
    if not isinstance(info, dict) or not isinstance(info.get("inputToken"), str) \
            or not isinstance(info.get("outputToken"), str):
        raise BridgeProtocolError("the host bridge sent malformed paginator metadata")
    return info
