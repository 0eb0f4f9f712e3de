# fidelity: match
# seed: dynamodb, s3
# services: dynamodb, s3, iam
# points: validation-range
import boto3
from botocore.exceptions import ParamValidationError

ddb = boto3.client("dynamodb")
iam = boto3.client("iam")
for label, call in [
    ("scan Limit=0", lambda: ddb.scan(TableName="orders", Limit=0)),
    ("list_users MaxItems=0", lambda: iam.list_users(MaxItems=0)),
    ("TableName too short", lambda: ddb.describe_table(TableName="ab")),
    ("empty Bucket", lambda: boto3.client("s3").list_objects_v2(Bucket="")),
]:
    try:
        call()
        print(label, "accepted")
    except ParamValidationError as e:
        print(label, "|", e)
    except Exception as e:
        print(label, "| other:", type(e).__name__, e)
