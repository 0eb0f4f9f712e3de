"""The sandbox side of the runscript AWS bridge: every AWS call a script makes goes through here.

A script never holds credentials and never opens a socket. It sends one JSON request per call to the
host through the `_runscript_host` JavaScript module (registered by the sandbox before the script
runs); the host checks policy and budgets, makes the call with its own credentials, and answers with
one JSON string. The protocol is /work/team/bridge-protocol-v2.md (code owner:
`packages/aws-bridge/src/protocol.ts`):

- requests  `aws.call` (service, operation, region, params), `aws.client` (service metadata),
            `aws.paginator` (botocore paginator config), `aws.waiter` (botocore waiter config);
- answers   `{"ok": true, "value": ...}` or `{"ok": false, "error": {"kind", "code", "message", ...}}`;
- values    tagged JSON, see `runscript_codec`.

Failures become the exception boto3 raises for them (`raise_for_error`): the modeled
`client.exceptions` class or `ClientError`, `ParamValidationError`, `UnknownServiceError`,
`EndpointConnectionError`, `ReadTimeoutError`, ... An answer without `kind` (a protocol v1 host) is a
`ClientError` with the host's code, as before.

Waiting for the host: where the stack can be suspended (JSPI, see `runscript_green`), a call
suspends only the calling thread, so threads (`ThreadPoolExecutor`) keep several calls in flight;
elsewhere it blocks the sandbox until the answer (`call_sync` of the host).

Public: `call_sync`, `call_async`, `call_boto3` (the AWS-managed run_script entry point),
`client_metadata`, `paginator_config`, `waiter_config`, `raise_for_error`, `encode_params`,
`decode_value`. Imported before the interpreter snapshot: nothing here touches `js` or
`_runscript_host` at import time (`_host()` imports it lazily).
"""

import json
import re

import runscript_green
from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    ParamValidationError,
    ReadTimeoutError,
    UnknownServiceError,
)
from botocore.handlers import check_request_types, restore_response_types
from runscript_codec import decode_value, encode_params

__all__ = [
    "BridgeProtocolError",
    "call_async",
    "call_boto3",
    "call_sync",
    "client_metadata",
    "decode_value",
    "encode_params",
    "paginator_config",
    "raise_for_error",
    "waiter_config",
]

# Per-run caches (the sandbox is fresh per run): service -> metadata (None: the host has none).
_metadata = {}
_paginators = {}


class BridgeProtocolError(RuntimeError):
    """The host answered with something that is not a valid bridge answer (a host fault)."""


class _Unsupported(Exception):
    """The host does not know this request (a protocol v1 host)."""


def _host():
    import _runscript_host  # registered by the sandbox just before the script runs

    return _runscript_host


def _send_blocking(payload):
    host = _host()
    if runscript_green.can_switch():
        return runscript_green.block_on(host.call_async(payload))
    return host.call_sync(payload)


def _dumps(request):
    return json.dumps(request, separators=(",", ":"))


def _check_name(what, value):
    if not isinstance(value, str) or not value:
        raise ParamValidationError(report=f"{what} must be a non-empty str, not {value!r}")


# ---------------------------------------------------------------------------------------------------
# Answers and errors
# ---------------------------------------------------------------------------------------------------


def _pascal(operation):
    """`list_objects_v2` -> `ListObjectsV2` (when the host does not name the operation)."""
    if "_" not in operation and operation[:1].isupper():
        return operation
    return "".join(part[:1].upper() + part[1:] for part in operation.split("_"))


def _error_response(error):
    response = error.get("response")
    if isinstance(response, dict) and isinstance(response.get("Error"), dict):
        return response
    metadata = {"RequestId": error.get("requestId"), "HTTPStatusCode": error.get("httpStatus")}
    return {
        "Error": {"Code": str(error.get("code") or "Unknown"), "Message": str(error.get("message") or "")},
        "ResponseMetadata": metadata,
    }


def _client_error(service, operation, error, modeled):
    response = _error_response(error)
    operation_name = error.get("operation") or _pascal(str(operation))
    cls = ClientError
    if modeled:
        from botocore.errorfactory import error_class

        # As botocore: a query-compatible service's QueryErrorCode picks the modeled class.
        err = response["Error"]
        cls = error_class(service, err.get("QueryErrorCode") or err.get("Code"))
    return cls(response, operation_name)


def _value_at(params, path):
    value = params
    for step in path:
        if isinstance(step, str) and step.startswith("$$"):
            step = step[1:]
        value = value[step]
    return value


def _render_problem(problem, params):
    """One line of botocore's `ValidationErrors.generate_report`, with the script's own value."""
    kind = problem["type"]
    name = problem.get("name") or ""
    name = "input" if not name else name[1:] if name.startswith(".") else name
    path = problem.get("path") or []
    if kind == "missing required field":
        return f'Missing required parameter in {name}: "{problem["required_name"]}"'
    if kind == "unknown field":
        return f'Unknown parameter in {name}: "{problem["unknown_param"]}", must be one of: ' + ", ".join(
            problem["valid_names"]
        )
    if kind == "more than one input":
        members = ", ".join(problem["members"])
        return (f"Invalid number of parameters set for tagged union structure {name}. Can only set one of the "
                f"following keys: {members}.")
    if kind == "empty input":
        return f"Must set one of the following keys for tagged unionstructure {name}: {', '.join(problem['members'])}."
    param = path[-1] if problem.get("key") else _value_at(params, path)
    if kind == "invalid type":
        return (f"Invalid type for parameter {name}, value: {param}, type: {type(param)}, valid types: "
                + ", ".join(problem["valid_types"]))
    if kind == "invalid type for document":
        return (f"Invalid type for document parameter {name}, value: {param}, type: {type(param)}, valid types: "
                + ", ".join(problem["valid_types"]))
    if kind == "invalid range":
        return f"Invalid value for parameter {name}, value: {param}, valid min value: {problem['min_allowed']}"
    if kind == "invalid length":
        return f"Invalid length for parameter {name}, value: {len(param)}, valid min length: {problem['min_allowed']}"
    raise KeyError(kind)


def _validation_report(error, params):
    problems = error.get("problems")
    if isinstance(problems, list) and problems and isinstance(params, dict):
        try:
            return "\n".join(_render_problem(p, params) for p in problems)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass  # the host's own rendering below
    return str(error.get("report") or error.get("message") or "")


def raise_for_error(service, operation, error, params=None):
    """Raises what boto3 raises for the host's `error` answer (see the module docstring).

    `params` are the call's original parameters: a validation report is rendered from them, with
    Python's own `str()` and `type()` of each offending value, exactly as botocore's.
    """
    kind = error.get("kind")
    message = str(error.get("message") or "")
    if kind is None or kind == "client":
        raise _client_error(service, operation, error, modeled=True)
    if kind == "validation":
        raise ParamValidationError(report=_validation_report(error, params))
    if kind == "unknown_service":
        known = error.get("known")
        names = ", ".join(str(k) for k in known) if isinstance(known, list) else ""
        exc = UnknownServiceError(service_name=str(service), known_service_names=names)
        if message and "npm install" in message:
            exc.args = (f"{exc.args[0]}. {message}",)
        raise exc
    if kind == "unknown_operation":
        raise _client_error(service, operation, {**error, "code": error.get("code") or "UnknownOperation"},
                            modeled=False)
    if kind == "unknown_waiter":
        raise ValueError(message or f"Waiter does not exist: {operation}")
    if kind == "connection":
        raise EndpointConnectionError(endpoint_url=str(error.get("endpoint") or ""))
    if kind == "read_timeout":
        raise ReadTimeoutError(endpoint_url=str(error.get("endpoint") or ""))
    # refused, host, and kinds this sandbox does not know yet: a ClientError with the host's code.
    raise _client_error(service, operation, error, modeled=False)


def _answer(service, operation, text, params=None):
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
    raise_for_error(service, operation, error, params)
    return None  # unreachable


def _request(service, operation, request):
    """Sends one non-call request; raises `_Unsupported` when a v1 host does not know it."""
    try:
        return _answer(service, operation, _send_blocking(_dumps(request)))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "InvalidRequest":
            raise _Unsupported() from None
        raise


# ---------------------------------------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------------------------------------


def _call_request(service, operation, region, params):
    _check_name("service_name", service)
    _check_name("operation_name", operation)
    check_request_types(service, params)
    if region is not None and not isinstance(region, str):
        raise ParamValidationError(report=f"region_name must be a str or None, not {region!r}")
    return _dumps({
        "op": "aws.call",
        "v": 2,  # answers with v2 tags ($ts, $stream)
        "service": service,
        "operation": operation,
        "region": region,
        "params": encode_params(params),
    })


def call_sync(service, operation, region=None, params=None):
    """Calls `service`.`operation` through the host and returns the response dict.

    Raises what boto3 would (see `raise_for_error`), or `ParamValidationError` before sending when
    `params` cannot be sent. Only the calling thread waits when it can be suspended.
    """
    request = _call_request(service, operation, region, params)
    value = _answer(service, operation, _send_blocking(request), params)
    return restore_response_types(service, operation, value)


async def call_async(service, operation, region=None, params=None):
    """Like `call_sync`, but awaitable: many calls can be in flight at once (`asyncio.gather`)."""
    request = _call_request(service, operation, region, params)
    text = await _host().call_async(request)
    return restore_response_types(service, operation, _answer(service, operation, text, params))


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


# ---------------------------------------------------------------------------------------------------
# Service metadata, paginators, waiters
# ---------------------------------------------------------------------------------------------------

_METADATA_KEYS = {"service": str, "operations": dict, "paginators": list, "waiters": list, "errors": dict}


def client_metadata(service):
    """The host's metadata for `service` (bridge `aws.client`), or None from a v1 host.

    Raises `UnknownServiceError` for a service the host does not have. Asked once per run.
    """
    _check_name("service_name", service)
    if service in _metadata:
        return _metadata[service]
    try:
        value = _request(service, "client", {"op": "aws.client", "service": service})
    except _Unsupported:
        value = None
    if value is not None:
        if not isinstance(value, dict) or any(not isinstance(value.get(k), t) for k, t in _METADATA_KEYS.items()):
            raise BridgeProtocolError("the host bridge sent malformed service metadata")
    _metadata[service] = value
    return value


def _from_v1(info):
    """A protocol v1 paginator answer (`inputToken`, `outputToken`, `pageSizeKey`) as a botocore config."""
    if not isinstance(info.get("inputToken"), str) or not isinstance(info.get("outputToken"), str):
        raise BridgeProtocolError("the host bridge sent malformed paginator metadata")
    config = {"input_token": info["inputToken"], "output_token": info["outputToken"]}
    if isinstance(info.get("pageSizeKey"), str):
        config["limit_key"] = info["pageSizeKey"]
    if isinstance(info.get("resultKeys"), list):
        config["result_key"] = info["resultKeys"]
    return config


def paginator_config(service, operation):
    """botocore's paginator config for `operation` (bridge `aws.paginator`), or None (not pageable)."""
    _check_name("service_name", service)
    _check_name("operation_name", operation)
    key = (service, operation)
    if key not in _paginators:
        request = {"op": "aws.paginator", "service": service, "operation": operation}
        info = _answer(service, operation, _send_blocking(_dumps(request)))
        if info is not None:
            if not isinstance(info, dict):
                raise BridgeProtocolError("the host bridge sent malformed paginator metadata")
            if "input_token" not in info:
                info = _from_v1(info)
        _paginators[key] = info
    return _paginators[key]


_WAITER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def waiter_config(service, name):
    """botocore's config for waiter `name` (bridge `aws.waiter`); raises ValueError if there is none."""
    _check_name("service_name", service)
    if not isinstance(name, str) or not _WAITER_NAME.match(name):
        raise ValueError(f"Waiter does not exist: {name}")
    request = {"op": "aws.waiter", "service": service, "name": name}
    try:
        config = _request(service, name, request)
    except _Unsupported:
        raise ValueError(f"Waiter does not exist: {name}") from None
    if not isinstance(config, dict) or not isinstance(config.get("acceptors"), list):
        raise BridgeProtocolError("the host bridge sent a malformed waiter config")
    return config
