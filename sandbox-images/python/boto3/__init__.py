"""boto3 for the runscript sandbox: low-level clients whose AWS calls are made by the host.

    import boto3
    s3 = boto3.client("s3", region_name="us-east-1")
    names = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=names[0]):
        ...

`boto3.client` / `boto3.Session(...).client` return `botocore.client.BaseClient` objects (see
there). Resources (`boto3.resource`) are not available: use clients. Endpoints, credentials,
profiles and client config cannot be chosen (the host decides them). For concurrent calls use
`await call_boto3(service, operation, region_name, params)` with `asyncio.gather`.
"""

from boto3.session import Session

__all__ = ["DEFAULT_SESSION", "Session", "client", "resource", "setup_default_session"]

__version__ = "0.0.0+runscript"

DEFAULT_SESSION = None


def setup_default_session(**kwargs):
    """Replaces the default session (e.g. `setup_default_session(region_name="eu-west-1")`)."""
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)


def _get_default_session():
    if DEFAULT_SESSION is None:
        setup_default_session()
    return DEFAULT_SESSION


def client(*args, **kwargs):
    """A low-level client from the default session: `boto3.client("s3", region_name=None)`."""
    return _get_default_session().client(*args, **kwargs)


def resource(*args, **kwargs):
    """Not available in the sandbox (raises, explaining to use `boto3.client` instead)."""
    return _get_default_session().resource(*args, **kwargs)
