# fidelity: match
# seed: secretsmanager
# services: secretsmanager
# points: audit
import boto3

sm = boto3.client("secretsmanager")
for s in sm.get_paginator("list_secrets").paginate().build_full_result()["SecretList"]:
    d = sm.describe_secret(SecretId=s["Name"])
    print(d["Name"], d.get("RotationEnabled", False), d.get("KmsKeyId", "aws/secretsmanager"), d.get("Description"),
          d.get("Tags", []), repr(d["CreatedDate"]), sorted(d.get("VersionIdsToStages", {}).values()))
try:
    sm.describe_secret(SecretId="prod/none")
except sm.exceptions.ResourceNotFoundException as e:
    print(e.response["Error"]["Code"], e.response["Error"]["Message"])
