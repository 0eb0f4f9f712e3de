"""Values across the AWS bridge: Python objects <-> the bridge's tagged JSON (bridge protocol v2).

Requests (sandbox -> host), `encode_params`, with the protocol's exact rules:
- `bool`, `int`, `str`, `None`, `dict` (str keys), `list` as JSON; a `tuple` as a list; a finite
  `float` with Python's own lexeme (`5.0` stays a float); `inf`/`nan` as
  `{"$pytype": "float", "$repr": "inf"}`;
- `bytes`/`bytearray` -> `{"$bytes": base64}`; a file-like object (a callable `read()`, e.g.
  `io.BytesIO` or an open file) is read and sent the same way (or as `str` when `read()` returns
  text), as botocore streams it;
- `datetime` -> `{"$date": ISO 8601}` with full precision and its offset (naive means UTC);
- `decimal.Decimal` -> `{"$decimal": str(d)}`;
- a dict key starting with `$` is sent as `$$...` (one extra `$`).
- values botocore rejects for every member type (`set`, `frozenset`, `date`, `memoryview`, other
  objects) -> `{"$pytype": type name}`: the host reports "invalid type" at that path and
  `runscript_aws` renders botocore's report with the original value.
Cycles, nesting deeper than 100 and non-str keys are refused here (`ParamValidationError`).

Answers (host -> sandbox), `decode_value`:
- `{"$ts": raw}` -> `datetime`, with botocore's `parse_timestamp` (`botocore.utils`);
- `{"$bytes": base64}` -> `bytes`; `{"$stream": base64}` -> `botocore.response.StreamingBody`;
- `{"$date": ISO 8601}` -> aware `datetime` (protocol v1 answers);
- a data key starting with `$$` loses one `$` (the host escapes data keys starting with `$`).

This module is imported before the interpreter snapshot: it must not touch `js` at import time.
"""

import base64
import datetime
import decimal
import json
import math

from botocore.exceptions import ParamValidationError

__all__ = ["decode_value", "encode_params", "invalid_param"]

_MAX_DEPTH = 100
_UTC = datetime.timezone.utc
_VALID_TYPES = "str, int, float, bool, None, bytes, bytearray, file-like object, datetime, Decimal, list, tuple, dict"


def invalid_param(path, value, reason=None):
    """A ParamValidationError for `value` at `path`, with botocore's wording for a type problem."""
    try:
        shown = str(value)
    except Exception:  # a hostile __str__ must not hide the real problem
        shown = f"<{type(value).__name__}>"
    if len(shown) > 200:
        shown = shown[:197] + "..."
    report = reason or (
        f"Invalid type for parameter {path or 'params'}, value: {shown}, type: {type(value)}, "
        f"valid types: {_VALID_TYPES}"
    )
    return ParamValidationError(report=report)


def _encode_datetime(value):
    aware = value.replace(tzinfo=_UTC) if value.tzinfo is None else value
    return {"$date": aware.isoformat()}


def _read_file_like(path, value):
    try:
        data = value.read()
    except Exception as exc:  # noqa: BLE001 - reported as the parameter's problem
        raise invalid_param(path, value, f"Invalid value for parameter {path}: reading it raised "
                                          f"{type(exc).__name__}: {exc}") from None
    if isinstance(data, str):
        return data
    if isinstance(data, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(data)).decode("ascii")}
    raise invalid_param(path, value, f"Invalid value for parameter {path}: its read() returned "
                                      f"{type(data).__name__}, not bytes or str")


def _encode(value, path, depth, seen):
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$pytype": "float", "$repr": repr(value)}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime.datetime):
        return _encode_datetime(value)
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if not isinstance(value, (dict, list, tuple)):
        if callable(getattr(value, "read", None)):
            return _read_file_like(path, value)
        # botocore rejects this type for every member: the host reports it where it is.
        return {"$pytype": type(value).__name__}
    if depth >= _MAX_DEPTH or id(value) in seen:
        raise invalid_param(path, value, f"Invalid value for parameter {path}: nested too deeply (or a cycle)")
    seen.add(id(value))
    try:
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    where = path or "params"
                    raise invalid_param(where, key, f"Invalid key {key!r} in parameter {where}: keys must be str")
                wire_key = f"${key}" if key.startswith("$") else key
                out[wire_key] = _encode(item, f"{path}.{key}" if path else key, depth + 1, seen)
            return out
        return [_encode(item, f"{path}[{i}]", depth + 1, seen) for i, item in enumerate(value)]
    finally:
        seen.discard(id(value))


def encode_params(params):
    """Encodes an operation's keyword parameters into the bridge's JSON-ready form (see module doc)."""
    if params is None:
        return {}
    if not isinstance(params, dict):
        reason = f"params must be a dict of operation parameters, not {type(params).__name__}"
        raise invalid_param("", params, reason)
    return _encode(params, "", 0, set())


def _decode_date(text):
    value = datetime.datetime.fromisoformat(text)
    return value.replace(tzinfo=_UTC) if value.tzinfo is None else value


def _object_hook(obj):
    if len(obj) == 1:
        ((key, value),) = obj.items()
        if key == "$ts" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            from botocore.utils import parse_timestamp

            return parse_timestamp(value)
        if key == "$bytes" and isinstance(value, str):
            return base64.b64decode(value, validate=True)
        if key == "$stream" and isinstance(value, str):
            from botocore.response import StreamingBody

            return StreamingBody.from_bytes(base64.b64decode(value, validate=True))
        if key == "$date" and isinstance(value, str):
            return _decode_date(value)
    if any(k.startswith("$$") for k in obj):
        return {(k[1:] if k.startswith("$$") else k): v for k, v in obj.items()}
    return obj


def decode_value(text):
    """Parses a JSON answer from the host, turning tags into Python values (see module doc)."""
    return json.loads(text, object_hook=_object_hook)
