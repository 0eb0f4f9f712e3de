# fidelity: match
# seed: s3
# services: s3
# points: paginator-botocore-only
import boto3

s3 = boto3.client("s3")
keys = []
for page in s3.get_paginator("list_objects").paginate(Bucket="acme-logs", PaginationConfig={"PageSize": 3}):
    keys += [o["Key"] for o in page.get("Contents", [])]
print(len(keys), keys[:3])
versions = s3.get_paginator("list_object_versions").paginate(Bucket="acme-logs").build_full_result()
print(sorted(versions))
print(len(versions["Versions"]), sum(1 for v in versions["Versions"] if v["IsLatest"]))
uploads = s3.get_paginator("list_multipart_uploads").paginate(Bucket="acme-data-eu").build_full_result()
print([u["Key"] for u in uploads.get("Uploads", [])])
