"""botocore-compatible exceptions for scripts in the runscript sandbox.

Constructors, attributes and messages follow botocore where a script can observe them:

- `ClientError(error_response, operation_name)`: `.response` (`{"Error": {"Code", "Message"},
  "ResponseMetadata": {"RequestId", "HTTPStatusCode"}}`), `.operation_name`, and
  `str(e) == "An error occurred (Code) when calling the Operation operation: Message"`.
  Errors raised by a call are instances of a per-code subclass, reachable as
  `client.exceptions.<Code>` (e.g. `s3.exceptions.NoSuchBucket`).
- `BotoCoreError(**kwargs)`: formats its class's `fmt` with the keyword arguments, keeps them
  in `.kwargs`.

`SandboxRestrictionError` is runscript's own: raised for what the sandbox deliberately does not offer
(choosing endpoints, credentials or profiles; presigning; resources). It is also a
`NotImplementedError`.
"""

__all__ = [
    "BotoCoreError",
    "ClientError",
    "DataNotFoundError",
    "NoCredentialsError",
    "NoRegionError",
    "OperationNotPageableError",
    "PaginationError",
    "ParamValidationError",
    "SandboxRestrictionError",
    "UnknownServiceError",
    "WaiterError",
]


class BotoCoreError(Exception):
    """Base of the non-service errors (as in botocore): message from `fmt` and keyword arguments."""

    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs):
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs

    def __reduce__(self):
        return _exception_from_packed_args, (self.__class__, None, self.kwargs)


class ParamValidationError(BotoCoreError):
    """The parameters of a call are invalid (e.g. a value that cannot be sent to AWS)."""

    fmt = "Parameter validation failed:\n{report}"


class NoRegionError(BotoCoreError):
    """No region could be determined."""

    fmt = "You must specify a region."


class NoCredentialsError(BotoCoreError):
    """No credentials (never raised in the sandbox: the host holds the credentials)."""

    fmt = "Unable to locate credentials"


class UnknownServiceError(BotoCoreError):
    """The service name is not known."""

    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"


class DataNotFoundError(BotoCoreError):
    """Service data could not be found."""

    fmt = "Unable to load data for: {data_path}"


class OperationNotPageableError(BotoCoreError):
    """`get_paginator` was asked for an operation that does not paginate."""

    fmt = "Operation cannot be paginated: {operation_name}"


class PaginationError(BotoCoreError):
    """Pagination went wrong (e.g. the same next token came back twice)."""

    fmt = "Error during pagination: {message}"


class WaiterError(BotoCoreError):
    """A waiter failed (waiters are not available in the sandbox; kept for `except` clauses)."""

    fmt = "Waiter {name} failed: {reason}"


class SandboxRestrictionError(BotoCoreError, NotImplementedError):
    """Something the runscript sandbox deliberately does not provide (the host decides it)."""

    fmt = "{message}"


class ClientError(Exception):
    """An AWS service error (or a policy denial by the host), shaped as botocore's ClientError."""

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} operation: {error_message}"
    )

    def __init__(self, error_response, operation_name):
        error = error_response.get("Error", {}) if isinstance(error_response, dict) else {}
        msg = self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"),
            error_message=error.get("Message", "Unknown"),
            operation_name=operation_name,
        )
        super().__init__(msg)
        self.response = error_response
        self.operation_name = operation_name

    def __reduce__(self):
        return self.__class__, (self.response, self.operation_name)


def _exception_from_packed_args(exception_cls, args=None, kwargs=None):
    if args is None:
        args = ()
    if kwargs is None:
        kwargs = {}
    return exception_cls(*args, **kwargs)
