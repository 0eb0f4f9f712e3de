"""`client.exceptions`: the modeled error classes of a service, as botocore's errorfactory makes them.

From the host's service metadata (`errors`: modeled error shape name -> wire code), each service
gets one `<Service>Exceptions` object whose attributes are `ClientError` subclasses named after the
error shapes (`iam.exceptions.NoSuchEntityException`, which matches the wire code `NoSuchEntity`).
A call that fails with a modeled code raises that class; any other code raises plain `ClientError`.
An unknown attribute raises `AttributeError` listing the valid ones, as botocore.

With a protocol v1 host (no metadata), classes are made on demand per error code instead, so
`except s3.exceptions.NoSuchBucket` still works, but a misspelled name is not detected.
"""

import re

from botocore.exceptions import ClientError

__all__ = ["BaseClientExceptions", "error_class", "exceptions_for"]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# service -> BaseClientExceptions (one per service per run, shared by all its clients)
_by_service = {}


class BaseClientExceptions:
    ClientError = ClientError

    def __init__(self, code_to_exception):
        self._code_to_exception = code_to_exception

    def from_code(self, error_code):
        """The class for `error_code` (`ClientError` when the code is not modeled)."""
        return self._code_to_exception.get(error_code, self.ClientError)

    def __getattr__(self, name):
        names = [cls.__name__ for cls in self._code_to_exception.values()]
        raise AttributeError(f"{self} object has no attribute {name}. Valid exceptions are: {', '.join(names)}")


class _OnDemandClientExceptions(BaseClientExceptions):
    """Without service metadata: a class per error code, made when first named or raised."""

    def from_code(self, error_code):
        if not isinstance(error_code, str) or not _IDENTIFIER.match(error_code):
            return ClientError
        cls = self._code_to_exception.get(error_code)
        if cls is None:
            cls = type(error_code, (ClientError,), {"__module__": __name__})
            self._code_to_exception[error_code] = cls
        return cls

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.from_code(name)


def _module_name(metadata, service):
    service_id = metadata.get("serviceId") if metadata else None
    return re.sub(r"[^A-Za-z0-9]", "", str(service_id or service)) or "Client"


def exceptions_for(service, metadata):
    """The `client.exceptions` object of `service` (from its metadata; on demand without)."""
    existing = _by_service.get(service)
    if existing is not None:
        return existing
    if metadata is None:
        exceptions = _OnDemandClientExceptions({})
    else:
        props, code_to_exception = {}, {}
        for shape_name, code in sorted(metadata.get("errors", {}).items()):
            if not isinstance(shape_name, str) or not _IDENTIFIER.match(shape_name):
                continue
            cls = type(shape_name, (ClientError,), {"__module__": __name__})
            props[shape_name] = cls
            code_to_exception[str(code)] = cls
        cls_name = f"{_module_name(metadata, service)}Exceptions"
        exceptions = type(cls_name, (BaseClientExceptions,), {"__module__": __name__, **props})(code_to_exception)
    _by_service[service] = exceptions
    return exceptions


def error_class(service, code):
    """The class to raise for error `code` of `service`: plain `ClientError` when it is not modeled
    (or when no client of the service exists yet, e.g. with `call_boto3` alone)."""
    exceptions = _by_service.get(service)
    return ClientError if exceptions is None else exceptions.from_code(code)
