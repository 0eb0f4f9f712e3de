"""`boto3.s3.transfer`: `TransferConfig` (accepted; the sandbox transfers in one request) and
`S3Transfer` (the object behind the client's `upload_file`/`download_file`), with boto3's argument
checks (`ExtraArgs` keys limited to s3transfer's allowed lists, `ValueError` otherwise).

Transfers are single requests through the host: an upload is one `PutObject` (bounded by the
bridge's request-size limit, about 4.5 MB of file data), a download is `HeadObject` then one
`GetObject` (bounded by the run's response-size budget). Files live in the sandbox's in-memory
filesystem (`/tmp`), which disappears with the run.
"""

import os

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import ClientError

__all__ = ["ALLOWED_COPY_ARGS", "ALLOWED_DOWNLOAD_ARGS", "ALLOWED_UPLOAD_ARGS", "S3Transfer", "TransferConfig"]

KB = 1024
MB = KB * KB

_SHARED_ARGS = [
    "ACL", "CacheControl", "ChecksumAlgorithm", "ContentDisposition", "ContentEncoding", "ContentLanguage",
    "ContentType", "ExpectedBucketOwner", "Expires", "GrantFullControl", "GrantRead", "GrantReadACP",
    "GrantWriteACP", "Metadata", "ObjectLockLegalHoldStatus", "ObjectLockMode", "ObjectLockRetainUntilDate",
    "RequestPayer", "ServerSideEncryption", "StorageClass", "SSECustomerAlgorithm", "SSECustomerKey",
    "SSECustomerKeyMD5", "SSEKMSKeyId", "SSEKMSEncryptionContext", "Tagging", "WebsiteRedirectLocation",
]
_FULL_OBJECT_CHECKSUM_ARGS = [
    "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumMD5", "ChecksumSHA1", "ChecksumSHA256",
    "ChecksumSHA512", "ChecksumXXHASH3", "ChecksumXXHASH64", "ChecksumXXHASH128",
]
ALLOWED_DOWNLOAD_ARGS = [
    "ChecksumMode", "VersionId", "SSECustomerAlgorithm", "SSECustomerKey", "SSECustomerKeyMD5", "RequestPayer",
    "ExpectedBucketOwner",
]
ALLOWED_UPLOAD_ARGS = _SHARED_ARGS + ["ChecksumType", "MpuObjectSize"] + _FULL_OBJECT_CHECKSUM_ARGS
ALLOWED_COPY_ARGS = _SHARED_ARGS + [
    "CopySourceIfMatch", "CopySourceIfModifiedSince", "CopySourceIfNoneMatch", "CopySourceIfUnmodifiedSince",
    "CopySourceSSECustomerAlgorithm", "CopySourceSSECustomerKey", "CopySourceSSECustomerKeyMD5",
    "MetadataDirective", "TaggingDirective",
]


class TransferConfig:
    """Managed-transfer settings; accepted and kept (the sandbox makes single-request transfers)."""

    def __init__(self, multipart_threshold=8 * MB, max_concurrency=10, multipart_chunksize=8 * MB,
                 num_download_attempts=5, max_io_queue=100, io_chunksize=256 * KB, use_threads=True,
                 max_bandwidth=None, preferred_transfer_client="auto"):
        self.multipart_threshold = multipart_threshold
        self.max_concurrency = max_concurrency
        self.multipart_chunksize = multipart_chunksize
        self.num_download_attempts = num_download_attempts
        self.max_io_queue = max_io_queue
        self.io_chunksize = io_chunksize
        self.use_threads = use_threads
        self.max_bandwidth = max_bandwidth
        self.preferred_transfer_client = preferred_transfer_client


def check_extra_args(extra_args, allowed):
    for key in extra_args or {}:
        if key not in allowed:
            raise ValueError(f"Invalid extra_args key '{key}', must be one of: {', '.join(allowed)}")


def _filename(value):
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise ValueError("Filename must be a string or a path-like object")
    return value


def upload_fileobj(client, fileobj, bucket, key, extra_args=None, callback=None):
    if not hasattr(fileobj, "read"):
        raise ValueError("Fileobj must implement read")
    check_extra_args(extra_args, ALLOWED_UPLOAD_ARGS)
    body = fileobj.read()
    if isinstance(body, str):
        body = body.encode("utf-8")
    client.put_object(Bucket=bucket, Key=key, Body=body, **(extra_args or {}))
    if callback is not None:
        callback(len(body))


def download_fileobj(client, bucket, key, fileobj, extra_args=None, callback=None):
    if not hasattr(fileobj, "write"):
        raise ValueError("Fileobj must implement write")
    check_extra_args(extra_args, ALLOWED_DOWNLOAD_ARGS)
    extra = dict(extra_args or {})
    head_args = {k: v for k, v in extra.items() if k != "ChecksumMode"}
    client.head_object(Bucket=bucket, Key=key, **head_args)
    data = client.get_object(Bucket=bucket, Key=key, **extra)["Body"].read()
    fileobj.write(data)
    if callback is not None:
        callback(len(data))


class S3Transfer:
    """`S3Transfer(client).upload_file(...)`/`download_file(...)`, as boto3's."""

    ALLOWED_DOWNLOAD_ARGS = ALLOWED_DOWNLOAD_ARGS
    ALLOWED_UPLOAD_ARGS = ALLOWED_UPLOAD_ARGS

    def __init__(self, client=None, config=None, osutil=None, manager=None):
        if client is None:
            raise ValueError("Either a boto3.Client or s3transfer.manager.TransferManager must be provided")
        self._client = client
        self._config = config or TransferConfig()

    def upload_file(self, filename, bucket, key, callback=None, extra_args=None):
        filename = _filename(filename)
        check_extra_args(extra_args, ALLOWED_UPLOAD_ARGS)
        with open(filename, "rb") as f:
            try:
                upload_fileobj(self._client, f, bucket, key, extra_args, callback)
            except ClientError as exc:
                raise S3UploadFailedError(f"Failed to upload {filename} to {bucket}/{key}: {exc}") from None

    def download_file(self, bucket, key, filename, extra_args=None, callback=None):
        filename = _filename(filename)
        check_extra_args(extra_args, ALLOWED_DOWNLOAD_ARGS)
        partial = f"{filename}.runscript-partial"
        try:
            with open(partial, "wb") as f:
                download_fileobj(self._client, bucket, key, f, extra_args, callback)
            os.replace(partial, filename)
        finally:
            if os.path.exists(partial):
                os.remove(partial)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass
