# runscript-escape-case
# description: a URL parameter pointing at another host (SQS QueueUrl) is refused
# expect-status: success
# expect-result: true
from botocore.exceptions import ClientError
try:
    await call_boto3("sqs", "GetQueueAttributes", params={"QueueUrl": "http://127.0.0.1:{LISTENER_PORT}/123456789012/q"})
    r = "called"
except ClientError as e:
    r = e.response["Error"]["Code"]
r != "called"
