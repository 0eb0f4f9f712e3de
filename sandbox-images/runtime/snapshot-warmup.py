# Runs once at image build time, inside an isolate, right before the memory snapshot is taken.
# Everything imported here is already loaded in every sandbox (boots are faster), so only import
# modules that hold no JavaScript objects at import time.
import sys

sys.path.insert(0, "/runscript/lib")

import asyncio  # noqa: E402,F401
import base64  # noqa: E402,F401
import collections  # noqa: E402,F401
import datetime  # noqa: E402,F401
import functools  # noqa: E402,F401
import itertools  # noqa: E402,F401
import json  # noqa: E402,F401
import linecache  # noqa: E402,F401
import re  # noqa: E402,F401
import traceback  # noqa: E402,F401

import pyodide.code  # noqa: E402,F401
import runscript_preload  # noqa: E402,F401 - the AWS surface (boto3, botocore, dateutil, jmespath, threads)
import runscript_runner  # noqa: E402,F401
