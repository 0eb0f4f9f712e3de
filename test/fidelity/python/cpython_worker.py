"""The boto3 side of the fidelity oracle: runs scripts under CPython + real boto3, one at a time.

One long-lived process (a Python start and `import boto3` per script would cost more than most
scripts). Each script runs as `__main__` in a fresh namespace, with a fresh default boto3 session,
the environment and working directory restored, and its stdout/stderr captured.
AWS_ENDPOINT_URL (set by the harness) points boto3 at the lane's moto server.

Protocol (JSON lines): first stdout line {"ready": true, "versions": {...}}; then every stdin line
{"id": n, "op": "run", "path": "/abs/script.py"} is answered by
{"id": n, "stdout": s, "stderr": s, "outcome": {"status": "ok"} |
 {"status": "exception", "type": "ClientError", "message": "..."}, "calls": ["s3.ListBuckets", ...],
 "ms": t}. `calls` are the AWS operations the script asked botocore to make (the harness resets moto
after a script that may have changed it).
"""

import contextlib
import io
import json
import os
import sys
import tempfile
import time

# Protocol answers go to the real stdout only; a script writing to fd 1 directly writes to stderr.
_proto = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)

import boto3  # noqa: E402
import botocore  # noqa: E402
import botocore.client  # noqa: E402
import botocore.loaders  # noqa: E402

# Each script gets a fresh default session, hence a fresh botocore Loader that would parse the same
# service models (megabytes of JSON) again. Share the parsed data across scripts: botocore already
# shares it between the clients of one session, and never mutates it.
_loaded = {}


def _shared(method):
    def load(self, *args, **kwargs):
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in _loaded:
            _loaded[key] = method(self, *args, **kwargs)
        return _loaded[key]

    return load


botocore.loaders.Loader.load_service_model = _shared(botocore.loaders.Loader.load_service_model)
botocore.loaders.Loader.load_data = _shared(botocore.loaders.Loader.load_data)

_calls = []
_make_api_call = botocore.client.BaseClient._make_api_call


def _recording_make_api_call(self, operation_name, api_params):
    _calls.append(f"{self.meta.service_model.service_name}.{operation_name}")
    return _make_api_call(self, operation_name, api_params)


botocore.client.BaseClient._make_api_call = _recording_make_api_call

_ENVIRON = dict(os.environ)
_CWD = os.getcwd()


def _message(exc):
    try:
        return str(exc)
    except Exception:  # noqa: BLE001
        return "<unprintable message>"


def run(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    boto3.DEFAULT_SESSION = None
    _calls.clear()
    os.environ.clear()
    os.environ.update(_ENVIRON)
    out, err = io.StringIO(), io.StringIO()
    outcome = {"status": "ok"}
    with tempfile.TemporaryDirectory(prefix="fidelity-") as workdir:
        os.chdir(workdir)
        try:
            code = compile(source, path, "exec")
            namespace = {"__name__": "__main__", "__builtins__": __builtins__}
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                exec(code, namespace)  # noqa: S102 - running the script is the point
        except BaseException as exc:  # noqa: BLE001 - the script's failure is its outcome
            outcome = {"status": "exception", "type": type(exc).__name__, "message": _message(exc)}
        finally:
            os.chdir(_CWD)
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "outcome": outcome, "calls": list(_calls)}


def main():
    versions = {"python": sys.version.split()[0], "boto3": boto3.__version__, "botocore": botocore.__version__}
    _proto.write(json.dumps({"ready": True, "versions": versions}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        started = time.perf_counter()
        answer = run(request["path"])
        answer["id"] = request["id"]
        answer["ms"] = (time.perf_counter() - started) * 1000
        _proto.write(json.dumps(answer) + "\n")


main()
