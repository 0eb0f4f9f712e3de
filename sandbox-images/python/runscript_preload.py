"""Imported once at image build, right before the memory snapshot: everything the sandbox's AWS
surface needs is then already loaded in every sandbox (nothing of it is imported per run). The
source files exist only while the snapshot is made (the prelude writes them for that boot only), so
every module of sandbox-images/python and of the vendored packages must be imported here: a test
checks that none is left out.

Installs green threads (`runscript_green`) before `concurrent.futures` is imported, so its
module-level locks are green too. Only pure-Python state is created here: nothing may hold a
JavaScript object when the snapshot is taken (`js` and `_runscript_host` are never imported).
"""

import os
import time

import runscript_green

# Set for the snapshot boot only (the hash secret is fixed by then); scripts do not see it.
os.environ.pop("PYTHONHASHSEED", None)

# Emscripten names the zone "UTC-0000"; CPython on a UTC machine says "UTC", and dateutil (hence
# botocore's timestamps: `tzlocal()` vs `tzutc()`) depends on it. Set before any tzlocal() exists.
if time.timezone == 0 and time.altzone == 0 and all(str(n).startswith("UTC") for n in time.tzname):
    time.tzname = ("UTC", "UTC")

runscript_green.install()

import concurrent.futures  # noqa: E402
import concurrent.futures.thread  # noqa: E402
import decimal  # noqa: E402
import io  # noqa: E402
import queue  # noqa: E402
import urllib.parse  # noqa: E402

import dateutil  # noqa: E402
import dateutil.easter  # noqa: E402
import dateutil.parser  # noqa: E402
import dateutil.relativedelta  # noqa: E402
import dateutil.rrule  # noqa: E402
import dateutil.tz  # noqa: E402
import dateutil.utils  # noqa: E402
import dateutil.zoneinfo  # noqa: E402
import jmespath  # noqa: E402
import six  # noqa: E402

import boto3  # noqa: E402
import boto3.dynamodb.conditions  # noqa: E402
import boto3.dynamodb.table  # noqa: E402
import boto3.dynamodb.transform  # noqa: E402
import boto3.dynamodb.types  # noqa: E402
import boto3.ec2.createtags  # noqa: E402
import boto3.ec2.deletetags  # noqa: E402
import boto3.exceptions  # noqa: E402
import boto3.resources._data  # noqa: E402 - boto3's resource models as JSON text, parsed per service on use
import boto3.resources.action  # noqa: E402
import boto3.resources.base  # noqa: E402
import boto3.resources.collection  # noqa: E402
import boto3.resources.factory  # noqa: E402
import boto3.resources.model  # noqa: E402
import boto3.resources.params  # noqa: E402
import boto3.resources.response  # noqa: E402
import boto3.s3.inject  # noqa: E402
import boto3.s3.transfer  # noqa: E402
import boto3.session  # noqa: E402
import botocore  # noqa: E402
import botocore.client  # noqa: E402
import botocore.config  # noqa: E402
import botocore.errorfactory  # noqa: E402
import botocore.exceptions  # noqa: E402
import botocore.handlers  # noqa: E402
import botocore.model  # noqa: E402
import botocore.paginate  # noqa: E402
import botocore.response  # noqa: E402
import botocore.utils  # noqa: E402
import botocore.vendored.requests.exceptions  # noqa: E402
import botocore.vendored.requests.packages.urllib3.exceptions  # noqa: E402
import botocore.waiter  # noqa: E402
import runscript_aws  # noqa: E402
import runscript_codec  # noqa: E402

# dateutil's timezone objects cache lazily; warm the ones botocore uses.
dateutil.tz.tzutc()
dateutil.tz.tzlocal()

# Everything loaded so far lives for the whole (one-run) sandbox: move it to the GC's permanent
# generation, so collections during a run never traverse it, and `gc.get_objects()` (which a script
# may walk, calling getattr on everything, e.g. six's lazy `six.moves` entries that import modules)
# lists only the run's own objects.
import gc  # noqa: E402

gc.collect()
gc.freeze()
