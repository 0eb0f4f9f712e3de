# fidelity: match
# seed: s3, ec2
# services: s3, ec2, dynamodb
# points: validation-wrong-type
import boto3
from botocore.exceptions import ParamValidationError

s3 = boto3.client("s3")
ec2 = boto3.client("ec2")
ddb = boto3.client("dynamodb")
cases = [
    ("MaxKeys as str", lambda: s3.list_objects_v2(Bucket="acme-logs", MaxKeys="5")),
    ("MaxResults as float", lambda: ec2.describe_instances(MaxResults=5.0)),
    ("Bucket as int", lambda: s3.list_objects_v2(Bucket=42)),
    ("DryRun as str", lambda: ec2.describe_instances(DryRun="false")),
    ("Limit as bool", lambda: ddb.scan(TableName="orders", Limit=True)),
    ("Item value not a dict", lambda: ddb.get_item(TableName="orders", Key={"customer": "c1"})),
]
for label, call in cases:
    try:
        call()
        print(label, "-> accepted")
    except ParamValidationError as e:
        print(label, "->", str(e).splitlines()[1:])
    except Exception as e:  # botocore's handlers can fail first (bucket-name check on an int)
        print(label, "->", type(e).__name__, e)
