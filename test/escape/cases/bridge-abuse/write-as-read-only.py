# runscript-escape-case
# description: a read-only principal's writes never leave the host
# expect-status: success
# expect-result: "AccessDeniedByPolicy"
import boto3
from botocore.exceptions import ClientError
try:
    boto3.client("s3").delete_bucket(Bucket="rs-seed1-000-blocked")
    r = "deleted"
except ClientError as e:
    r = e.response["Error"]["Code"]
r
