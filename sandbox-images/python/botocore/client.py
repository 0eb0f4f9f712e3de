"""The AWS client of the runscript sandbox (what `boto3.client(...)` returns).

Any operation is a snake_case method, resolved on demand (`s3.list_buckets()`,
`s3.get_object(Bucket=..., Key=...)`); the host knows which operations exist and which policy allows,
so nothing is checked here beyond the method name's shape. Methods take keyword arguments only, call
the host synchronously (the script pauses until the answer) and return the decoded response dict.

Also provided: `get_paginator` / `can_paginate`, `exceptions.<Code>` (ClientError subclasses created
on demand, one per error code and service), and a minimal `meta` (`region_name`,
`service_model.service_name`, `endpoint_url` is always None: the host picks endpoints). Presigning
and waiters are not available in the sandbox and say so.
"""

import re

import runscript_aws
from botocore.exceptions import ClientError, OperationNotPageableError, SandboxRestrictionError
from botocore.paginate import Paginator

__all__ = ["BaseClient", "ClientExceptions", "ClientMeta", "ServiceModel", "client_class"]

_METHOD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_client_classes = {}


class ServiceModel:
    """The little of botocore's ServiceModel a script may read."""

    def __init__(self, service_name):
        self.service_name = service_name

    def __repr__(self):
        return f"ServiceModel({self.service_name!r})"


class ClientMeta:
    """`client.meta`: region, service model; endpoints and config belong to the host."""

    def __init__(self, service_name, region_name):
        self.region_name = region_name
        self.service_model = ServiceModel(service_name)
        self.endpoint_url = None
        self.partition = "aws"


class ClientExceptions:
    """`client.exceptions`: `ClientError`, and a subclass per error code (`NoSuchBucket`, ...).

    The subclass for a code is created on first use and shared by all clients of the service; the
    ClientError a call raises is an instance of its code's subclass, so
    `except s3.exceptions.NoSuchBucket:` catches exactly that code. Unlike botocore, a misspelled
    code is not detected (the sandbox has no service models): it simply never matches.
    """

    ClientError = ClientError

    def __init__(self, service_name):
        self._service_name = service_name

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return runscript_aws.exception_class(self._service_name, name)

    def from_code(self, error_code):
        """The exception class for `error_code` (botocore's `client.exceptions.from_code`)."""
        return runscript_aws.exception_class(self._service_name, error_code)


class BaseClient:
    """A low-level AWS client whose calls are made by the runscript host."""

    def __init__(self, service_name, region_name=None):
        self._service_name = service_name
        self._region_name = region_name
        self._paginator_info = {}
        self.meta = ClientMeta(service_name, region_name)
        self.exceptions = ClientExceptions(service_name)

    def __repr__(self):
        return f"<botocore.client.{type(self).__name__} object (runscript sandbox)>"

    def __getattr__(self, name):
        if not _METHOD_NAME.match(name):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return self._make_api_call_method(name)

    def _make_api_call_method(self, operation_name):
        client = self

        def api_call(*args, **kwargs):
            if args:
                raise TypeError(f"{operation_name}() only accepts keyword arguments.")
            return client._make_api_call(operation_name, kwargs)

        api_call.__name__ = operation_name
        api_call.__qualname__ = f"{type(self).__name__}.{operation_name}"
        api_call.__doc__ = f"Calls {self._service_name} {operation_name} through the runscript host."
        return api_call

    def _make_api_call(self, operation_name, params):
        return runscript_aws.call_sync(self._service_name, operation_name, self._region_name, params)

    def _get_paginator_info(self, operation_name):
        if operation_name not in self._paginator_info:
            self._paginator_info[operation_name] = runscript_aws.paginator_info(
                self._service_name, operation_name
            )
        return self._paginator_info[operation_name]

    def can_paginate(self, operation_name):
        """True if `operation_name` (snake_case, as in boto3) can be paginated (asks the host once)."""
        return self._get_paginator_info(operation_name) is not None

    def get_paginator(self, operation_name):
        """A paginator for `operation_name`, e.g. `s3.get_paginator("list_objects_v2")`."""
        info = self._get_paginator_info(operation_name)
        if info is None:
            raise OperationNotPageableError(operation_name=operation_name)

        def call(params):
            return self._make_api_call(operation_name, params)

        return Paginator(call, operation_name, info)

    def get_waiter(self, waiter_name):
        raise SandboxRestrictionError(
            message=f"waiters (get_waiter({waiter_name!r})) are not available in the runscript sandbox; "
            "poll the describe/get operation in a loop with asyncio.sleep instead"
        )

    def generate_presigned_url(self, *args, **kwargs):
        raise SandboxRestrictionError(
            message="presigned URLs are not available in the runscript sandbox: it holds no credentials "
            "(the host makes every AWS call), so it cannot sign requests"
        )

    def generate_presigned_post(self, *args, **kwargs):
        raise SandboxRestrictionError(
            message="presigned POSTs are not available in the runscript sandbox: it holds no credentials "
            "(the host makes every AWS call), so it cannot sign requests"
        )

    def close(self):
        """Nothing to close: the host owns every connection."""


def client_class(service_name):
    """The client class for a service (`S3`, `Ec2`, ...: a BaseClient subclass named after it)."""
    cls = _client_classes.get(service_name)
    if cls is None:
        parts = [p for p in re.split(r"[^A-Za-z0-9]+", service_name) if p]
        name = "".join(p.upper() if len(p) <= 3 else p[:1].upper() + p[1:] for p in parts) or "Client"
        cls = type(name, (BaseClient,), {"__module__": "botocore.client"})
        _client_classes[service_name] = cls
    return cls
