"""`boto3.session.Session` for the runscript sandbox.

A session only carries a default region. Credentials, profiles, endpoints and client configuration
are chosen by the host, never by the script: passing any of them raises
`botocore.exceptions.SandboxRestrictionError` (a `NotImplementedError`) that says so.
"""

from botocore.client import client_class
from botocore.exceptions import SandboxRestrictionError

__all__ = ["Session"]

# Keyword arguments boto3 accepts that the sandbox refuses when given a value (the host decides them).
_FORBIDDEN_CLIENT_KWARGS = (
    "endpoint_url",
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_account_id",
    "config",
    "verify",
    "api_version",
)
_FORBIDDEN_SESSION_KWARGS = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_account_id",
    "profile_name",
    "botocore_session",
)


def _refuse(what, names):
    return SandboxRestrictionError(
        message=f"{what}: {', '.join(names)} cannot be set in the runscript sandbox; the host chooses "
        "endpoints, credentials, profiles and client configuration. Pass only the service name and "
        "region_name, e.g. boto3.client('s3', region_name='us-east-1')"
    )


def _check_kwargs(what, kwargs, forbidden, ignored=()):
    unknown = sorted(k for k in kwargs if k not in forbidden and k not in ignored)
    if unknown:
        raise TypeError(f"{what} got an unexpected keyword argument '{unknown[0]}'")
    refused = [k for k in forbidden if kwargs.get(k) is not None]
    if refused:
        raise _refuse(what, refused)


def _check_region(region_name):
    if region_name is not None and not isinstance(region_name, str):
        raise TypeError(f"region_name must be a str or None, not {type(region_name).__name__}")


class Session:
    """A boto3-style session: `Session(region_name=...).client("s3")`."""

    def __init__(self, region_name=None, **kwargs):
        _check_kwargs("Session()", kwargs, _FORBIDDEN_SESSION_KWARGS)
        _check_region(region_name)
        self._region_name = region_name

    @property
    def region_name(self):
        """The session's default region (None: the host's default region is used)."""
        return self._region_name

    @property
    def profile_name(self):
        return "default"

    def client(self, service_name, region_name=None, **kwargs):
        """A low-level client for `service_name`; calls are made by the host.

        `use_ssl` is accepted and ignored (the host always uses TLS); endpoint, credential, config
        and verify arguments are refused.
        """
        _check_kwargs("client()", kwargs, _FORBIDDEN_CLIENT_KWARGS, ignored=("use_ssl",))
        _check_region(region_name)
        if not isinstance(service_name, str) or not service_name:
            raise TypeError("service_name must be a non-empty str, e.g. 's3'")
        region = region_name if region_name is not None else self._region_name
        return client_class(service_name)(service_name, region)

    def resource(self, service_name, *args, **kwargs):
        raise SandboxRestrictionError(
            message=f"boto3 resources (resource({service_name!r})) are not available in the runscript "
            f"sandbox; use the low-level client instead: boto3.client({service_name!r}), e.g. "
            "client.list_objects_v2(Bucket=...) rather than resource.Bucket(...).objects.all()"
        )

    def get_available_regions(self, service_name, *args, **kwargs):
        raise SandboxRestrictionError(
            message="get_available_regions is not available in the runscript sandbox; "
            "call ec2.describe_regions() instead"
        )
