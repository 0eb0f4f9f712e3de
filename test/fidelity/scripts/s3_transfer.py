# fidelity: match
# seed: s3
# services: s3
# points: s3-transfer
import io

import boto3

s3 = boto3.client("s3")
s3.upload_fileobj(io.BytesIO(b"uploaded with upload_fileobj"), "acme-logs", "transfer/a.txt")
s3.upload_fileobj(Fileobj=io.BytesIO(b"keywords"), Bucket="acme-logs", Key="transfer/b.txt",
                  ExtraArgs={"ContentType": "text/plain", "Metadata": {"by": "agent"}})
with open("report.csv", "w") as f:
    f.write("bucket,public\nacme-logs,no\n")
s3.upload_file("report.csv", "acme-logs", "transfer/report.csv")
buf = io.BytesIO()
s3.download_fileobj("acme-logs", "transfer/a.txt", buf)
print(buf.getvalue())
s3.download_file("acme-logs", "transfer/report.csv", "copy.csv")
with open("copy.csv") as f:
    print(f.read())
head = s3.head_object(Bucket="acme-logs", Key="transfer/b.txt")
print(head["ContentType"], head["Metadata"])
print(sorted(o["Key"] for o in s3.list_objects_v2(Bucket="acme-logs", Prefix="transfer/")["Contents"]))
