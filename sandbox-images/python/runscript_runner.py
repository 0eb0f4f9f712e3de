"""Runs one script inside a fresh sandbox and returns its outcome as a JSON string.

Called by the sandbox prelude (JavaScript) with the script's source. The script runs as `__main__`
with top-level `await` allowed; the value of its last expression becomes the run's `result`.

This module is imported before the interpreter's memory snapshot is taken, so it must not touch
the `js` module or `_runscript_host` at import time.
"""

import base64
import datetime
import json
import linecache
import math
import sys
import traceback

SCRIPT_FILENAME = "<script>"
_MAX_DEPTH = 100


class _ResultTooLarge(Exception):
    pass


def _to_jsonable(value, depth=0, seen=None):
    """Converts a Python value to JSON-compatible data.

    dict/list/tuple/str/int/float/bool/None map to JSON; datetime/date/time to ISO 8601; bytes to
    {"$bytes": base64}; sets to lists; anything else (and NaN/Infinity, cycles, deep nesting) to repr.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**53 else repr(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if depth >= _MAX_DEPTH:
        return repr(value)
    if seen is None:
        seen = set()
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        if id(value) in seen:
            return "<cycle>"
        seen.add(id(value))
        try:
            if isinstance(value, dict):
                return {str(k): _to_jsonable(v, depth + 1, seen) for k, v in value.items()}
            items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
            return [_to_jsonable(v, depth + 1, seen) for v in items]
        finally:
            seen.discard(id(value))
    try:
        return repr(value)
    except Exception as exc:  # a hostile __repr__ must not break the run's result
        return f"<unrepresentable {type(value).__name__}: {type(exc).__name__}>"


def _script_traceback(exc):
    """Formats the traceback with the script's own frames only (never the runner's or the sandbox's
    boto3/botocore modules'), for every exception of the chain."""
    te = traceback.TracebackException(type(exc), exc, exc.__traceback__, compact=True)
    pending, seen = [te], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        frames = [f for f in current.stack if f.filename == SCRIPT_FILENAME]
        current.stack = traceback.StackSummary.from_list(frames)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        pending.extend(getattr(current, "exceptions", None) or ())
    return "".join(te.format())


def _join_threads():
    """As CPython at exit: threading's atexit hooks, then wait for non-daemon threads."""
    import threading

    try:
        threading._shutdown()
    except BaseException:  # noqa: BLE001 - the run's outcome is already decided
        pass


def _error(exc):
    try:
        message = str(exc)
    except Exception:
        message = "<unprintable message>"
    return {"type": type(exc).__name__, "message": message, "traceback": _script_traceback(exc)}


async def call_boto3(service_name, operation_name, region_name=None, params=None):
    """AWS's run_script entry point, available to every script without an import."""
    import runscript_aws

    return await runscript_aws.call_boto3(service_name, operation_name, region_name, params)


async def run(code, max_result_bytes):
    """Runs `code`; returns JSON: {"ok": bool, "result"?: ..., "error"?: {...}, "resultBytes"?: n}."""
    from pyodide.code import eval_code_async

    linecache.cache[SCRIPT_FILENAME] = (len(code), None, code.splitlines(True), SCRIPT_FILENAME)
    namespace = {"__name__": "__main__", "__builtins__": __builtins__, "call_boto3": call_boto3}
    try:
        value = await eval_code_async(code, namespace, filename=SCRIPT_FILENAME)
    except BaseException as exc:  # noqa: BLE001 - the script's failure is a value, not the host's fault
        _join_threads()
        return json.dumps({"ok": False, "error": _error(exc)})
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    _join_threads()
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        encoded = json.dumps({"ok": True, "result": _to_jsonable(value)}, ensure_ascii=False)
    except BaseException as exc:  # noqa: BLE001
        return json.dumps({"ok": False, "error": _error(exc)})
    size = len(encoded.encode("utf-8"))
    if size > max_result_bytes:
        return json.dumps({"ok": False, "resultBytes": size, "error": {
            "type": "ResultTooLarge",
            "message": f"the result is {size} bytes of JSON, over the {max_result_bytes}-byte limit; "
                       "return a smaller summary or print details instead",
            "traceback": "",
        }})
    return encoded
