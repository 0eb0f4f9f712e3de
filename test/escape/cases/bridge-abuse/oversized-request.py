# runscript-escape-case
# description: an oversized bridge request is refused before parsing
# expect-status: success
# expect-result: true
import boto3
from botocore.exceptions import ClientError
try:
    boto3.client("s3").put_object(Bucket="b", Key="k", Body=b"x" * (8 * 1024 * 1024))
    r = "sent"
except ClientError as e:
    r = e.response["Error"]["Code"]
except Exception as e:
    r = type(e).__name__
r != "sent"
