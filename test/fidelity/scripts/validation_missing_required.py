# fidelity: match
# seed: s3
# services: s3, sqs
# points: validation-missing-required, uncaught-error
import boto3
import botocore.exceptions

s3 = boto3.client("s3")
try:
    s3.get_object(Key="readme.txt")
except botocore.exceptions.ParamValidationError as e:
    print("s3:", e)
sqs = boto3.client("sqs")
url = "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
sqs.send_message(QueueUrl=url)
