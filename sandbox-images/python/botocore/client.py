"""The AWS client of the runscript sandbox (what `boto3.client(...)` returns), as botocore's.

A client is built from the host's metadata for its service (bridge `aws.client`, asked once per run
and service): its methods are the service's operations (snake_case, keyword arguments only; any
other attribute raises `AttributeError`, so `hasattr` is False), `can_paginate`/`get_paginator` cover
every botocore paginator, `waiter_names`/`get_waiter` every botocore waiter, `exceptions` holds the
modeled error classes, and `meta` has `region_name`, `service_model`, `config`, `partition` and
`method_to_api_mapping`. Every call is made by the host (`runscript_aws.call_sync`).

With a protocol v1 host (no metadata) the client falls back to accepting any snake_case method name
and asking the host per paginator.

Not available (they need credentials in the sandbox): `generate_presigned_url`,
`generate_presigned_post` raise `SandboxRestrictionError` (a `NotImplementedError`).
"""

import re

import runscript_aws
from botocore.config import Config
from botocore.errorfactory import exceptions_for
from botocore.exceptions import ClientError, OperationNotPageableError, SandboxRestrictionError
from botocore.model import ServiceModel
from botocore.paginate import Paginator
from botocore.waiter import Waiter, WaiterModel

__all__ = ["BaseClient", "ClientMeta", "client_class"]

_METHOD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_client_classes = {}


class ClientMeta:
    """`client.meta`: region, service model and config; endpoints belong to the host (`endpoint_url`
    is None)."""

    def __init__(self, service_name, region_name, metadata, config):
        self.region_name = region_name
        self.service_model = ServiceModel(service_name, metadata)
        self.config = config
        self.endpoint_url = None
        self.partition = "aws"
        self.method_to_api_mapping = dict((metadata or {}).get("operations", {}))


def _class_name(metadata, service_name):
    service_id = (metadata or {}).get("serviceId") or service_name
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", str(service_id)) if p]
    return "".join(p[:1].upper() + p[1:] for p in parts) or "Client"


class BaseClient:
    """A low-level AWS client (one per `boto3.client(...)` call)."""

    def __init__(self, service_name, region_name, metadata=None, config=None):
        self._service_name = service_name
        self._region_name = region_name
        self._metadata = metadata
        self._operations = None if metadata is None else metadata["operations"]
        self._api_to_method = {api: m for m, api in (self._operations or {}).items()}
        self.meta = ClientMeta(service_name, region_name, metadata, config if config is not None else Config())
        self.exceptions = exceptions_for(service_name, metadata)
        self._paginator_configs = {}
        # Installed by a resource on its own client (DynamoDB's high-level interface): an object with
        # before_call(api_name, params) -> params and after_call(api_name, response) -> response.
        self._call_hooks = None

    def __repr__(self):
        return f"<botocore.client.{type(self).__name__} object at {hex(id(self))}>"

    def __getattr__(self, name):
        # Only reached for names that are not attributes: operations.
        if name.startswith("_") or (self._operations is not None and name not in self._operations) or (
            self._operations is None and not _METHOD_NAME.match(name)
        ):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        method = self._make_api_call_method(name)
        self.__dict__[name] = method
        return method

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._operations or ()))

    def _make_api_call_method(self, py_operation_name):
        client = self

        def _api_call(*args, **kwargs):
            if args:
                raise TypeError(f"{py_operation_name}() only accepts keyword arguments.")
            return client._make_api_call(py_operation_name, kwargs)

        _api_call.__name__ = py_operation_name
        _api_call.__qualname__ = f"{type(self).__name__}.{py_operation_name}"
        api_name = (self._operations or {}).get(py_operation_name, py_operation_name)
        _api_call.__doc__ = f"Calls {self._service_name} {api_name} (made by the runscript host)."
        return _api_call

    def _make_api_call(self, operation_name, api_params):
        """Makes one call; `operation_name` may be the API name (`ListBuckets`) or the method name."""
        operation = self._api_to_method.get(operation_name, operation_name)
        hooks = self._call_hooks
        api_name = (self._operations or {}).get(operation, operation_name)
        if hooks is not None:
            api_params = hooks.before_call(api_name, api_params)
        response = runscript_aws.call_sync(self._service_name, operation, self._region_name, api_params)
        return hooks.after_call(api_name, response) if hooks is not None else response

    # ------------------------------------------------------------------------------- paginators

    def can_paginate(self, operation_name):
        """True if `operation_name` (the method name, e.g. `list_objects_v2`) can be paginated."""
        if self._metadata is not None:
            if operation_name not in self._operations:
                raise KeyError(operation_name)
            return operation_name in self._metadata["paginators"]
        return self._paginator_config(operation_name) is not None

    def _paginator_config(self, operation_name):
        if operation_name not in self._paginator_configs:
            self._paginator_configs[operation_name] = runscript_aws.paginator_config(
                self._service_name, operation_name
            )
        return self._paginator_configs[operation_name]

    def get_paginator(self, operation_name):
        """A paginator for `operation_name`, e.g. `s3.get_paginator("list_objects_v2")`."""
        if not self.can_paginate(operation_name):
            raise OperationNotPageableError(operation_name=operation_name)
        config = self._paginator_config(operation_name)
        if config is None:
            raise OperationNotPageableError(operation_name=operation_name)
        api_name = (self._operations or {}).get(operation_name) or runscript_aws._pascal(operation_name)
        cls = type(f"{type(self).__name__}.Paginator.{api_name}", (Paginator,), {"__module__": "botocore.client"})
        return cls(getattr(self, operation_name), config, None)

    # ------------------------------------------------------------------------------- waiters

    @property
    def waiter_names(self):
        """The names of the service's waiters (snake_case), as a list."""
        return list((self._metadata or {}).get("waiters", []))

    def get_waiter(self, waiter_name):
        """A waiter, e.g. `s3.get_waiter("bucket_exists").wait(Bucket=...)`."""
        if self._metadata is not None and waiter_name not in self._metadata["waiters"]:
            raise ValueError(f"Waiter does not exist: {waiter_name}")
        config = runscript_aws.waiter_config(self._service_name, waiter_name)
        model = WaiterModel.single(waiter_name, config)
        name = model.name
        operation = self._api_to_method.get(model.config.operation) or _snake(model.config.operation)
        cls = type(f"{type(self).__name__}.Waiter.{name}", (Waiter,), {"__module__": "botocore.waiter"})
        return cls(name, model.config, _NormalizedOperationMethod(getattr(self, operation)))

    # ------------------------------------------------------------------------------- refused

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


def _snake(api_name):
    from botocore import xform_name

    return xform_name(api_name)


class _NormalizedOperationMethod:
    """As botocore: a waiter's operation returns the error response instead of raising ClientError."""

    def __init__(self, method):
        self._method = method

    def __call__(self, **kwargs):
        try:
            return self._method(**kwargs)
        except ClientError as exc:
            return exc.response


def client_class(service_name, metadata=None, extra=None):
    """The client class for a service (`S3`, `EC2`, `CloudWatchLogs`, ...: a BaseClient subclass)."""
    name = _class_name(metadata, service_name)
    key = (service_name, name)
    cls = _client_classes.get(key)
    if cls is None:
        cls = type(name, (BaseClient,), {"__module__": "botocore.client", **(extra or {})})
        _client_classes[key] = cls
    return cls
