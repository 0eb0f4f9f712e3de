# fidelity: match
# seed: s3
# services: s3
# points: s3-location-constraint
import boto3

s3 = boto3.client("s3")
for b in s3.list_buckets()["Buckets"]:
    loc = s3.get_bucket_location(Bucket=b["Name"])
    region = loc["LocationConstraint"] or "us-east-1"
    print(b["Name"], repr(loc["LocationConstraint"]), region, sorted(loc))
