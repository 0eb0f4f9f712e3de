"""The urllib3 exception classes botocore's `ReadTimeoutError` derives from (names and hierarchy as
botocore's vendored copy)."""

__all__ = ["HTTPError", "PoolError", "ReadTimeoutError", "RequestError", "TimeoutError"]


class HTTPError(Exception):
    pass


class PoolError(HTTPError):
    def __init__(self, pool, message):
        self.pool = pool
        HTTPError.__init__(self, f"{pool}: {message}")


class RequestError(PoolError):
    def __init__(self, pool, url, message):
        self.url = url
        PoolError.__init__(self, pool, message)


class TimeoutError(HTTPError):  # noqa: A001 - urllib3's name
    pass


class ReadTimeoutError(TimeoutError, RequestError):
    pass
