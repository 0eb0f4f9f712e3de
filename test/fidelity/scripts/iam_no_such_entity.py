# fidelity: match
# seed: iam
# services: iam
# points: error-iam-no-such-entity, error-modeled-exceptions
import boto3
from botocore.exceptions import ClientError

iam = boto3.client("iam")
for role in ["app-ec2", "ghost-role"]:
    try:
        r = iam.get_role(RoleName=role)["Role"]
        print(role, r["Arn"], r["Path"])
    except ClientError as e:
        if e.response["Error"]["Code"] == "NoSuchEntity":
            print(role, "does not exist:", e.response["Error"]["Message"])
        else:
            raise
try:
    iam.get_login_profile(UserName="bob")
except iam.exceptions.NoSuchEntityException as e:
    print("bob has no console password:", e.response["Error"]["Code"], type(e).__name__)
print(iam.get_login_profile(UserName="alice")["LoginProfile"]["UserName"])
