# fidelity: match
# seed: s3
# services: s3
# points: validation-unknown-param
import boto3
from botocore.exceptions import ParamValidationError

s3 = boto3.client("s3")
try:
    s3.list_objects_v2(Bucket="acme-logs", MaxKey=5)
except ParamValidationError as e:
    print("caught:", type(e).__name__)
    print(e)
s3.list_objects_v2(Bucket="acme-logs", Prefx="2024/")
