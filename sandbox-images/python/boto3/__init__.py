"""boto3 for the runscript sandbox: clients (and resources) whose AWS calls are made by the host.

    import boto3
    s3 = boto3.client("s3", region_name="us-east-1")
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=names[0]):
        ...

`boto3.client` / `boto3.Session(...).client` return `botocore.client.BaseClient` objects (see there).
Endpoints, credentials and profiles cannot be chosen (the host decides them). What is supported is
listed in sandbox-images/python/README.md.
"""

import logging

from boto3.session import Session

__all__ = ["DEFAULT_SESSION", "Session", "client", "resource", "set_stream_logger", "setup_default_session"]

__author__ = "runscript"
__version__ = "0.0.0+runscript"

DEFAULT_SESSION = None


def setup_default_session(**kwargs):
    """Replaces the default session (e.g. `setup_default_session(region_name="eu-west-1")`)."""
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)


def set_stream_logger(name="boto3", level=logging.DEBUG, format_string=None):
    """Adds a stream handler for `name` (as boto3; the sandbox's botocore logs little)."""
    if format_string is None:
        format_string = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
    logger = logging.getLogger(name)
    logger.setLevel(level)
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(format_string))
    logger.addHandler(handler)


def _get_default_session():
    if DEFAULT_SESSION is None:
        setup_default_session()
    return DEFAULT_SESSION


def client(*args, **kwargs):
    """A low-level client from the default session: `boto3.client("s3", region_name=None)`."""
    return _get_default_session().client(*args, **kwargs)


def resource(*args, **kwargs):
    """A resource from the default session: `boto3.resource("s3")`."""
    return _get_default_session().resource(*args, **kwargs)


class NullHandler(logging.Handler):
    def emit(self, record):
        pass


logging.getLogger("boto3").addHandler(NullHandler())
