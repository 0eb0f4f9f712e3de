# runscript-escape-case
# description: AWS error messages carry no credentials
# expect-status: success
# expect-result: true
import boto3
from botocore.exceptions import ClientError
try:
    boto3.client("s3").get_object(Bucket="no-such-bucket-xyz", Key="k")
    r = "found"
except ClientError as e:
    r = str(e) + repr(e.response)
"secret" not in r.lower() or "SecretAccessKey" not in r
