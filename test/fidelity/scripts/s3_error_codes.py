# fidelity: match
# seed: s3
# services: s3
# points: error-wire-codes, error-modeled-exceptions, error-response
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")
try:
    s3.get_object(Bucket="acme-logs", Key="missing.txt")
except s3.exceptions.NoSuchKey as e:
    print("NoSuchKey caught:", e.response["Error"]["Code"], e.response["Error"]["Message"])
    print(sorted(e.response["Error"]))
try:
    s3.list_objects_v2(Bucket="no-such-bucket-here")
except s3.exceptions.NoSuchBucket as e:
    print("NoSuchBucket caught:", e.response["Error"].get("BucketName"), e.operation_name)
for bucket in ["acme-logs", "acme-public-site"]:
    try:
        enc = s3.get_bucket_encryption(Bucket=bucket)
        print(bucket, enc["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"])
    except ClientError as e:
        print(bucket, e.response["Error"]["Code"])
    try:
        s3.get_bucket_policy(Bucket=bucket)
        print(bucket, "has a policy")
    except ClientError as e:
        print(bucket, e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
