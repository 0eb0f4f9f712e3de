# fidelity: match
# seed: s3
# services: s3
# points: audit
import json

import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")
findings = []
for b in s3.list_buckets()["Buckets"]:
    name = b["Name"]
    region = s3.get_bucket_location(Bucket=name)["LocationConstraint"] or "us-east-1"
    try:
        pab = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
        blocked = all(pab.values())
    except ClientError as e:
        if e.response["Error"]["Code"] != "NoSuchPublicAccessBlockConfiguration":
            raise
        blocked = False
    try:
        policy = json.loads(s3.get_bucket_policy(Bucket=name)["Policy"])
        public_policy = any(s.get("Principal") in ("*", {"AWS": "*"}) for s in policy["Statement"])
    except ClientError as e:
        public_policy = False if e.response["Error"]["Code"] == "NoSuchBucketPolicy" else None
    acl = s3.get_bucket_acl(Bucket=name)
    public_acl = any(g["Grantee"].get("URI", "").endswith("AllUsers") for g in acl["Grants"])
    versioning = s3.get_bucket_versioning(Bucket=name).get("Status", "Disabled")
    findings.append((name, region, blocked, public_policy, public_acl, versioning, acl["Owner"].get("ID", "")[:8]))
for f in findings:
    print(*f)
print("public buckets:", [f[0] for f in findings if f[3] or f[4]])
