# fidelity: match
# seed: s3
# services: s3
# points: file-like-body
import io
import json

import boto3

s3 = boto3.client("s3")
s3.put_object(Bucket="acme-logs", Key="report/bytesio.json", Body=io.BytesIO(json.dumps({"ok": True}).encode()))
s3.put_object(Bucket="acme-logs", Key="report/str.txt", Body="plain text body\n")
s3.put_object(Bucket="acme-logs", Key="report/bytes.bin", Body=b"\x00\x01\x02")
with open("local.csv", "w") as f:
    f.write("a,b\n1,2\n")
with open("local.csv", "rb") as f:
    s3.put_object(Bucket="acme-logs", Key="report/file.csv", Body=f)
for key in ["report/bytesio.json", "report/str.txt", "report/bytes.bin", "report/file.csv"]:
    obj = s3.get_object(Bucket="acme-logs", Key=key)
    print(key, obj["ContentLength"], obj["Body"].read())
