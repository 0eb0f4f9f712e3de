"""The `requests` exception classes botocore's connection and timeout errors derive from (names and
hierarchy as botocore's vendored copy), so `except OSError` and `__mro__` behave as under boto3."""

from botocore.vendored.requests.packages.urllib3.exceptions import HTTPError as BaseHTTPError

__all__ = [
    "ConnectTimeout", "ConnectionError", "HTTPError", "ProxyError", "ReadTimeout", "RequestException", "SSLError",
    "Timeout",
]


class RequestException(IOError):
    """There was an ambiguous exception that occurred while handling your request."""

    def __init__(self, *args, **kwargs):
        self.response = kwargs.pop("response", None)
        self.request = kwargs.pop("request", None)
        super().__init__(*args, **kwargs)


class HTTPError(RequestException):
    pass


class ConnectionError(RequestException):  # noqa: A001 - requests' name
    pass


class ProxyError(ConnectionError):
    pass


class SSLError(ConnectionError):
    pass


class Timeout(RequestException):
    pass


class ConnectTimeout(ConnectionError, Timeout):
    pass


class ReadTimeout(Timeout):
    pass


del BaseHTTPError
