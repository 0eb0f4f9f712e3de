"""The S3 client methods boto3 adds (`boto3/s3/inject.py`), with boto3's signatures (positional
arguments work): `upload_file`, `download_file`, `upload_fileobj`, `download_fileobj`, `copy`.
See `boto3.s3.transfer` for how transfers are made in the sandbox and their size limits.
"""

from boto3.s3.transfer import (
    ALLOWED_COPY_ARGS,
    S3Transfer,
    check_extra_args,
)
from boto3.s3.transfer import download_fileobj as _download_fileobj
from boto3.s3.transfer import upload_fileobj as _upload_fileobj

__all__ = [
    "RESOURCE_METHODS", "S3_CLIENT_METHODS", "copy", "download_file", "download_fileobj", "upload_file", "upload_fileobj",
]


def upload_file(self, Filename, Bucket, Key, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    """Uploads a local file (e.g. in /tmp) to `Bucket`/`Key`."""
    with S3Transfer(self, Config) as transfer:
        return transfer.upload_file(filename=Filename, bucket=Bucket, key=Key, extra_args=ExtraArgs,
                                    callback=Callback)


def download_file(self, Bucket, Key, Filename, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    """Downloads `Bucket`/`Key` to a local file (e.g. in /tmp)."""
    with S3Transfer(self, Config) as transfer:
        return transfer.download_file(bucket=Bucket, key=Key, filename=Filename, extra_args=ExtraArgs,
                                      callback=Callback)


def upload_fileobj(self, Fileobj, Bucket, Key, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    """Uploads a readable file-like object (opened in binary mode) to `Bucket`/`Key`."""
    return _upload_fileobj(self, Fileobj, Bucket, Key, ExtraArgs, Callback)


def download_fileobj(self, Bucket, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    """Downloads `Bucket`/`Key` into a writable file-like object (binary mode)."""
    return _download_fileobj(self, Bucket, Key, Fileobj, ExtraArgs, Callback)


def copy(self, CopySource, Bucket, Key, ExtraArgs=None, Callback=None, SourceClient=None, Config=None):  # noqa: N803
    """Copies an object (`CopySource={"Bucket", "Key", "VersionId"?}`) to `Bucket`/`Key`."""
    check_extra_args(ExtraArgs, ALLOWED_COPY_ARGS)
    # As s3transfer: the source is looked up first (a missing one fails on HeadObject).
    head = {"Bucket": CopySource["Bucket"], "Key": CopySource["Key"]}
    if CopySource.get("VersionId") is not None:
        head["VersionId"] = CopySource["VersionId"]
    size = (SourceClient or self).head_object(**head).get("ContentLength", 0)
    self.copy_object(CopySource=CopySource, Bucket=Bucket, Key=Key, **(ExtraArgs or {}))
    if Callback is not None:
        Callback(size)


S3_CLIENT_METHODS = {
    "upload_file": upload_file,
    "download_file": download_file,
    "upload_fileobj": upload_fileobj,
    "download_fileobj": download_fileobj,
    "copy": copy,
}


# ---------------------------------------------------------------------------------------------------
# S3 resources (boto3 injects these into s3.Bucket, s3.Object and s3.ObjectSummary)
# ---------------------------------------------------------------------------------------------------


def bucket_load(self, *args, **kwargs):
    """Bucket attributes (`creation_date`, ...) from ListBuckets (S3 has no per-bucket describe)."""
    from botocore.exceptions import ClientError

    self.meta.data = {}
    try:
        for bucket_data in self.meta.client.list_buckets()["Buckets"]:
            if bucket_data["Name"] == self.name:
                self.meta.data = bucket_data
                break
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "AccessDenied":
            raise


def object_summary_load(self, *args, **kwargs):
    """ObjectSummary attributes from HeadObject (`size` from `ContentLength`)."""
    response = self.meta.client.head_object(Bucket=self.bucket_name, Key=self.key)
    if "ContentLength" in response:
        response["Size"] = response.pop("ContentLength")
    self.meta.data = response


def bucket_upload_file(self, Filename, Key, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs,
                                        Callback=Callback, Config=Config)


def bucket_download_file(self, Key, Filename, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.download_file(Bucket=self.name, Key=Key, Filename=Filename, ExtraArgs=ExtraArgs,
                                          Callback=Callback, Config=Config)


def bucket_upload_fileobj(self, Fileobj, Key, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs,
                                           Callback=Callback, Config=Config)


def bucket_download_fileobj(self, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.download_fileobj(Bucket=self.name, Key=Key, Fileobj=Fileobj, ExtraArgs=ExtraArgs,
                                             Callback=Callback, Config=Config)


def bucket_copy(self, CopySource, Key, ExtraArgs=None, Callback=None, SourceClient=None, Config=None):  # noqa: N803
    return self.meta.client.copy(CopySource=CopySource, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs,
                                 Callback=Callback, SourceClient=SourceClient, Config=Config)


def object_upload_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.bucket_name, Key=self.key,
                                        ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_download_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.download_file(Bucket=self.bucket_name, Key=self.key, Filename=Filename,
                                          ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_upload_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.bucket_name, Key=self.key,
                                           ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_download_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):  # noqa: N803
    return self.meta.client.download_fileobj(Bucket=self.bucket_name, Key=self.key, Fileobj=Fileobj,
                                             ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_copy(self, CopySource, ExtraArgs=None, Callback=None, SourceClient=None, Config=None):  # noqa: N803
    return self.meta.client.copy(CopySource=CopySource, Bucket=self.bucket_name, Key=self.key,
                                 ExtraArgs=ExtraArgs, Callback=Callback, SourceClient=SourceClient, Config=Config)


RESOURCE_METHODS = {
    "s3.Bucket": {
        "load": bucket_load,
        "upload_file": bucket_upload_file,
        "download_file": bucket_download_file,
        "copy": bucket_copy,
        "upload_fileobj": bucket_upload_fileobj,
        "download_fileobj": bucket_download_fileobj,
    },
    "s3.Object": {
        "upload_file": object_upload_file,
        "download_file": object_download_file,
        "copy": object_copy,
        "upload_fileobj": object_upload_fileobj,
        "download_fileobj": object_download_fileobj,
    },
    "s3.ObjectSummary": {"load": object_summary_load},
}
