# fidelity: match
# seed: s3
# services: s3
# points: boto3-resource
import boto3

s3 = boto3.resource("s3")
print(sorted(b.name for b in s3.buckets.all()))
bucket = s3.Bucket("acme-logs")
print([o.key for o in bucket.objects.filter(Prefix="2024/05/app-0").limit(3)])
obj = s3.Object("acme-logs", "readme.txt")
print(obj.content_length, obj.content_type, obj.get()["Body"].read())
print(sum(o.size for o in bucket.objects.all()))
print(bucket.Versioning().status, s3.BucketPolicy("acme-public-site").policy[:40])
