# runscript-escape-case
# description: credential-issuing operations are denied by the built-in deny list
# expect-status: success
# expect-result: ["AccessDeniedByPolicy", "AccessDeniedByPolicy", "AccessDeniedByPolicy", "AccessDeniedByPolicy"]
from botocore.exceptions import ClientError
out = []
for service, op, params in [("sts", "GetSessionToken", {}), ("sts", "AssumeRole", {"RoleArn": "arn:aws:iam::123456789012:role/admin", "RoleSessionName": "xx"}), ("sts", "GetFederationToken", {"Name": "xx"}), ("iam", "CreateAccessKey", {})]:
    try:
        await call_boto3(service, op, params=params)
        out.append("called")
    except ClientError as e:
        out.append(e.response["Error"]["Code"])
out
