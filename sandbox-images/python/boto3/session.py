"""`boto3.session.Session` for the runscript sandbox, with boto3's signatures.

A session carries a default region: `region_name=` or, as boto3, the `AWS_DEFAULT_REGION`
environment variable (the sandbox sets it to the run's region). Credentials, profiles, endpoints and
`verify` are chosen by the host: passing a value for any of them raises
`botocore.exceptions.SandboxRestrictionError` (a `NotImplementedError`) that says so. `config=` takes
a `botocore.config.Config` (see there for the options it refuses).

`client(service)` asks the host for the service's metadata (once per run and service):
a service the host does not have raises `UnknownServiceError` here, at creation, as boto3 does.
"""

import os
import re

import runscript_aws
from botocore.client import client_class
from botocore.config import Config
from botocore.exceptions import InvalidRegionError, SandboxRestrictionError

__all__ = ["Session"]

_REGION = re.compile(r"^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$")


def _refuse(what, names):
    return SandboxRestrictionError(
        message=f"{what}: {', '.join(names)} cannot be set in the runscript sandbox; the host chooses "
        "endpoints, credentials and profiles. Pass only the service name, region_name and config, "
        "e.g. boto3.client('s3', region_name='us-east-1')"
    )


def _check_region(region_name):
    if region_name is None:
        return
    if not isinstance(region_name, str):
        raise TypeError(f"region_name must be a str or None, not {type(region_name).__name__}")
    if not _REGION.match(region_name):
        raise InvalidRegionError(region_name=region_name)


def _service_extras(service_name):
    """Methods boto3 injects into some clients (S3's upload_file, download_fileobj, copy, ...)."""
    if service_name == "s3":
        from boto3.s3.inject import S3_CLIENT_METHODS

        return S3_CLIENT_METHODS
    return None


class Session:
    """A boto3 session: `Session(region_name=...).client("s3")`."""

    def __init__(self, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 region_name=None, botocore_session=None, profile_name=None, aws_account_id=None):
        given = {
            "aws_access_key_id": aws_access_key_id,
            "aws_secret_access_key": aws_secret_access_key,
            "aws_session_token": aws_session_token,
            "aws_account_id": aws_account_id,
            "botocore_session": botocore_session,
            "profile_name": profile_name,
        }
        refused = [k for k, v in given.items() if v is not None]
        if refused:
            raise _refuse("Session()", refused)
        if region_name is not None and not isinstance(region_name, str):
            raise TypeError(f"region_name must be a str or None, not {type(region_name).__name__}")
        self._region_name = region_name

    def __repr__(self):
        return f"Session(region_name={self.region_name!r})"

    @property
    def region_name(self):
        """The session's region: `region_name=`, else `AWS_DEFAULT_REGION` (the run's region)."""
        if self._region_name is not None:
            return self._region_name
        return os.environ.get("AWS_DEFAULT_REGION") or None

    @property
    def profile_name(self):
        return "default"

    @property
    def available_profiles(self):
        return []

    def client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
               endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
               aws_session_token=None, config=None, aws_account_id=None):
        """A low-level client for `service_name`; every call is made by the host."""
        given = {
            "endpoint_url": endpoint_url,
            "aws_access_key_id": aws_access_key_id,
            "aws_secret_access_key": aws_secret_access_key,
            "aws_session_token": aws_session_token,
            "aws_account_id": aws_account_id,
            "verify": verify,
        }
        refused = [k for k, v in given.items() if v is not None]
        if refused:
            raise _refuse("client()", refused)
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a botocore.config.Config, not {type(config).__name__}")
        if not isinstance(service_name, str) or not service_name:
            raise TypeError("service_name must be a non-empty str, e.g. 's3'")
        _check_region(region_name)
        metadata = runscript_aws.client_metadata(service_name)
        region = region_name
        if region is None and config is not None and config.region_name is not None:
            region = config.region_name
            _check_region(region)
        if region is None:
            region = self.region_name
        if region is None and metadata is not None and isinstance(metadata.get("region"), str):
            region = metadata["region"]
        name = metadata["service"] if metadata is not None else service_name
        cls = client_class(name, metadata, _service_extras(name))
        return cls(name, region, metadata, config)

    def resource(self, service_name, *args, **kwargs):
        """A boto3 resource (see `boto3.resources`)."""
        from boto3.resources.factory import create_resource

        return create_resource(self, service_name, *args, **kwargs)

    def get_available_regions(self, service_name, partition_name="aws", allow_non_regional=False):
        """The regions of `service_name` in the partition, when the host provides them."""
        metadata = runscript_aws.client_metadata(service_name)
        regions = (metadata or {}).get("availableRegions")
        if partition_name == "aws" and isinstance(regions, list):
            return sorted(str(r) for r in regions)
        raise SandboxRestrictionError(
            message="get_available_regions is not available for this service in the runscript sandbox; "
            "call boto3.client('ec2').describe_regions() instead"
        )

    def get_available_partitions(self):
        return ["aws"]
