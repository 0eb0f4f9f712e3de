# fidelity: match
# seed: sqs
# services: sqs
# points: error-sqs-nonexistent-queue, error-modeled-exceptions
import boto3
from botocore.exceptions import ClientError

sqs = boto3.client("sqs")
for name in ["orders", "missing-queue"]:
    try:
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        print(name, url)
    except ClientError as e:
        code = e.response["Error"]["Code"]
        print(name, code, e.response["Error"].get("Message"))
        print(code == "AWS.SimpleQueueService.NonExistentQueue", isinstance(e, sqs.exceptions.QueueDoesNotExist))
