# fidelity: match
# seed: sqs
# services: sqs
# points: validation-unknown-param, validation-missing-required, validation-wrong-type
import boto3
from botocore.exceptions import ParamValidationError

sqs = boto3.client("sqs")
url = sqs.get_queue_url(QueueName="orders")["QueueUrl"]
try:
    sqs.send_message(MessageBody=5, DelaySecondz=1, MessageAttributes=[{"Name": "a"}], QueueUrl=url, DelaySeconds="2")
except ParamValidationError as e:
    print(repr(str(e)))
    print(isinstance(e, ValueError), str(e).count("\n"))
print(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"])
