# fidelity: match
# seed: s3
# services: s3
# points: error-head-404, error-response
import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")
for bucket in ["acme-logs", "acme-missing"]:
    try:
        s3.head_bucket(Bucket=bucket)
        print(bucket, "exists")
    except ClientError as e:
        err = e.response["Error"]
        print(bucket, err["Code"], repr(err["Message"]), e.response["ResponseMetadata"]["HTTPStatusCode"])
        print(str(e))
        if err["Code"] == "404":
            print("-> bucket does not exist")
for key in ["readme.txt", "nope.txt"]:
    try:
        head = s3.head_object(Bucket="acme-logs", Key=key)
        print(key, head["ContentLength"], head["ContentType"], head["Metadata"])
    except ClientError as e:
        print(key, e.response["Error"], type(e).__name__)
