# fidelity: match
# seed: iam, s3
# services: iam, s3
# points: timestamps
from datetime import datetime, timezone

import boto3

iam = boto3.client("iam")
user = iam.get_user(UserName="alice")["User"]
created = user["CreateDate"]
print(repr(created))
print(created.isoformat(), created.tzinfo is not None, created.utcoffset())
print(created.microsecond, created.strftime("%Y-%m-%d %H:%M:%S %Z"))
age = datetime(2024, 8, 1, tzinfo=timezone.utc) - created
print("age:", age.days, "days", age.seconds)
for key in iam.list_access_keys(UserName="alice")["AccessKeyMetadata"]:
    print(key["Status"], repr(key["CreateDate"]))
s3 = boto3.client("s3")
obj = s3.head_object(Bucket="acme-logs", Key="readme.txt")
print(repr(obj["LastModified"]), obj["LastModified"] == created.replace(microsecond=0))
for o in s3.list_objects_v2(Bucket="acme-logs", MaxKeys=2)["Contents"]:
    print(o["Key"], repr(o["LastModified"]))
print(repr(s3.list_buckets()["Buckets"][0]["CreationDate"]))
