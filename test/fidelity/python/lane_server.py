"""One lane of the fidelity oracle: a moto server whose world is the same every time it is reset.

The same script must see the same AWS state under CPython + boto3 and under runscript. Each side
gets its own lane (this process), and before every script both lanes are reset and seeded the same
way, so what differs between the two runs can only come from the side under test:
- the clock is frozen (freezegun) at FROZEN_AT, so every timestamp moto makes is the same;
- moto's own randomness (`mock_random`), `random` and `uuid.uuid4` are re-seeded on every reset, so
  generated ids (instance ids, key ids, ...) are the same;
- request ids come from a separate generator, so the number of HTTP requests a side makes (which
  may legitimately differ) does not shift the ids of the resources that follow.
Seeding is done with real boto3 against this server (fixtures.py).

Protocol (JSON lines): the first line on stdout is {"ready": true, "port": N, "versions": {...}};
then every stdin line {"id": n, "op": "prepare", "reset": bool, "fixtures": [...]} is answered on
stdout by {"id": n, "ok": true, "ms": t} or {"id": n, "ok": false, "error": "..."}. `prepare`
re-seeds the randomness and, with `reset`, also resets moto and seeds the fixtures (the harness
skips the reset when the state cannot have changed since the last one). EOF on stdin stops it.
"""

import json
import logging
import os
import random
import sys
import time
import traceback
import uuid

FROZEN_AT = "2024-05-06T07:08:09.123456+00:00"
SEED = 20240506

# A few AMIs instead of moto's ~1,200 per region (each with a volume and a snapshot), which made every
# reset of an EC2 region cost seconds. Must be set before moto is imported.
os.environ["MOTO_AMIS_PATH"] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "amis.json")

# Protocol answers go to the real stdout only; anything else printed in this process goes to stderr.
_proto = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)

_clock = {"perf_counter": time.perf_counter}  # a dict: freezegun rewrites module-level references

from freezegun import freeze_time  # noqa: E402

_freezer = freeze_time(FROZEN_AT, tick=False)
_freezer.start()

from moto.moto_api._internal import mock_random  # noqa: E402

uuid.uuid4 = mock_random.uuid4  # moto modules that use uuid4 directly get the seeded one

import moto.utilities.aws_headers as _aws_headers  # noqa: E402

_request_ids = random.Random(0)


def _request_id(headerdict=None):
    req_id = "".join(_request_ids.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(52))
    if isinstance(headerdict, dict):
        headerdict["x-amzn-requestid"] = req_id
    return req_id


_aws_headers.gen_amzn_requestid_long = _request_id  # before moto.core.responses imports it

import boto3  # noqa: E402
import botocore  # noqa: E402
import moto  # noqa: E402
import moto.backends as _backends  # noqa: E402

# moto lists its package directory (hundreds of stat calls) to route every request; the listing
# does not change while the server runs, so list it once. A fifth of moto's time per request.
_moto_modules = tuple(_backends.list_of_moto_modules())
_backends.list_of_moto_modules = lambda: iter(_moto_modules)
from moto.moto_api._internal.models import moto_api_backend  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixtures  # noqa: E402

_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
_server.start()
_port = _server.get_host_and_port()[1]
_endpoint = f"http://127.0.0.1:{_port}"


class Clients:
    """Real boto3 clients against this lane's server, one per (service, region)."""

    def __init__(self):
        self._session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
        )
        self._clients = {}

    def __call__(self, service, region="us-east-1"):
        key = (service, region)
        if key not in self._clients:
            self._clients[key] = self._session.client(service, region_name=region, endpoint_url=_endpoint)
        return self._clients[key]


_clients = Clients()


def _reseed_randomness():
    mock_random.seed(SEED)
    random.seed(SEED)


def _reset(names):
    moto_api_backend.reset()
    _reseed_randomness()
    for name in names:
        seed = fixtures.FIXTURES.get(name)
        if seed is None:
            raise KeyError(f"no fixture named {name!r} in fixtures.py")
        seed(_clients)


def main():
    versions = {"boto3": boto3.__version__, "botocore": botocore.__version__, "moto": moto.__version__}
    _proto.write(json.dumps({"ready": True, "port": _port, "versions": versions}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        started = _clock["perf_counter"]()
        try:
            if request.get("op") != "prepare":
                raise ValueError(f"unknown op {request.get('op')!r}")
            if request.get("reset"):
                _reset(request.get("fixtures") or [])
            _reseed_randomness()
            answer = {"id": request["id"], "ok": True, "ms": (_clock["perf_counter"]() - started) * 1000}
        except Exception as exc:  # noqa: BLE001 - reported to the harness, which fails loudly
            answer = {"id": request.get("id"), "ok": False, "error": "".join(traceback.format_exception(exc))[-4000:]}
        _proto.write(json.dumps(answer) + "\n")
    _server.stop()


main()
