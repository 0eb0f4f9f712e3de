# fidelity: differs — the bridge refuses credential-issuing operations (iam:CreateAccessKey, sts:GetSessionToken) unless the operator allows them
# seed: iam
# services: iam, sts
# points: audit
import boto3

iam = boto3.client("iam")
key = iam.create_access_key(UserName="carol")["AccessKey"]
print(key["UserName"], key["Status"], len(key["SecretAccessKey"]) > 0)
