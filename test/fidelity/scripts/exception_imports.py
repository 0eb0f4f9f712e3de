# fidelity: match
# services: s3
# points: exception-imports
import boto3
import botocore.exceptions as bx
from boto3.exceptions import Boto3Error, S3UploadFailedError
from botocore.exceptions import (
    BotoCoreError, ClientError, ConnectTimeoutError, EndpointConnectionError, InvalidRegionError,
    NoCredentialsError, NoRegionError, ParamValidationError, PartialCredentialsError, ProfileNotFound,
    ReadTimeoutError, UnknownServiceError, WaiterError,
)

for cls in [BotoCoreError, ClientError, ConnectTimeoutError, EndpointConnectionError, InvalidRegionError,
            NoCredentialsError, NoRegionError, ParamValidationError, PartialCredentialsError, ProfileNotFound,
            ReadTimeoutError, UnknownServiceError, WaiterError, Boto3Error, S3UploadFailedError]:
    print(cls.__name__, cls.__module__, [b.__name__ for b in cls.__mro__[1:-1]])
print(issubclass(ConnectTimeoutError, EndpointConnectionError), issubclass(bx.ParamValidationError, ValueError))
print(issubclass(boto3.client("s3").exceptions.NoSuchKey, ClientError))
e = EndpointConnectionError(endpoint_url="https://example.invalid")
print(str(e))
print(str(NoRegionError()), "|", str(ProfileNotFound(profile="dev")))
