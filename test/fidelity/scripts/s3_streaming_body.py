# fidelity: match
# seed: s3
# services: s3
# points: streaming-body
import boto3
from botocore.response import StreamingBody

s3 = boto3.client("s3")
obj = s3.get_object(Bucket="acme-logs", Key="readme.txt")
body = obj["Body"]
print(isinstance(body, StreamingBody))
print(body.read(5))
print(body.read())
print(body.read())
obj = s3.get_object(Bucket="acme-logs", Key="2024/05/app-01.log")
print(list(obj["Body"].iter_lines()))
obj = s3.get_object(Bucket="acme-data-eu", Key="big.bin")
chunks = list(obj["Body"].iter_chunks(chunk_size=4096))
print(len(chunks), [len(c) for c in chunks][:3], sum(len(c) for c in chunks))
with s3.get_object(Bucket="acme-logs", Key="readme.txt")["Body"] as b:
    print(b.read().decode("utf-8").strip())
print(obj["ContentLength"], obj["ContentType"], obj["ETag"])
