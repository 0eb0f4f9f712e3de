# fidelity: match
# seed: s3, iam
# services: s3, iam
# points: paginator-non-aggregate
import boto3

s3 = boto3.client("s3")
full = s3.get_paginator("list_objects_v2").paginate(
    Bucket="acme-logs", Prefix="2024/", PaginationConfig={"PageSize": 3}
).build_full_result()
print(sorted(full))
print(full.get("Name"), full.get("Prefix"), len(full["Contents"]), full.get("KeyCount"))
iam = boto3.client("iam")
details = iam.get_paginator("get_account_authorization_details").paginate(
    PaginationConfig={"PageSize": 2}
).build_full_result()
print(sorted(details))
print(len(details["UserDetailList"]), len(details["RoleDetailList"]), len(details["GroupDetailList"]))
print(details["GroupDetailList"][0]["AttachedManagedPolicies"])
