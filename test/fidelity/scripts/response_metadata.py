# fidelity: match
# seed: s3, sqs
# services: s3, sqs, sts
# points: response-metadata
import boto3

s3 = boto3.client("s3")
resp = s3.list_buckets()
meta = resp["ResponseMetadata"]
print(sorted(resp))
print(sorted(meta), meta["HTTPStatusCode"], meta["RetryAttempts"])
print(sorted(k for k in meta["HTTPHeaders"] if k != "date"))
print(meta["HTTPHeaders"]["content-type"])
sts = boto3.client("sts")
ident = sts.get_caller_identity()
print(sorted(ident), ident["Account"], ident["ResponseMetadata"]["HTTPStatusCode"])
sqs = boto3.client("sqs")
print(sorted(sqs.list_queues()["ResponseMetadata"]))
print(s3.put_object(Bucket="acme-logs", Key="meta.txt", Body=b"m")["ResponseMetadata"]["HTTPStatusCode"])
