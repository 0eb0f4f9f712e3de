# fidelity: match
# seed: s3
# services: s3
# points: copy-source-dict
import boto3

s3 = boto3.client("s3")
r = s3.copy_object(Bucket="acme-public-site", Key="backup/readme.txt",
                   CopySource={"Bucket": "acme-logs", "Key": "readme.txt"})
print(sorted(r["CopyObjectResult"]), r["CopyObjectResult"]["ETag"])
s3.copy_object(Bucket="acme-public-site", Key="backup/odd.txt",
               CopySource={"Bucket": "acme-public-site", "Key": "dir with space/caf\u00e9 & more.txt"})
s3.copy_object(Bucket="acme-public-site", Key="backup/str.txt", CopySource="acme-logs/2024/05/app-01.log")
for key in ["backup/readme.txt", "backup/odd.txt", "backup/str.txt"]:
    print(key, s3.get_object(Bucket="acme-public-site", Key=key)["Body"].read())
