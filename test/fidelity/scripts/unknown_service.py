# fidelity: match
# services: s3
# points: unknown-service
import boto3
from botocore.exceptions import ClientError, UnknownServiceError

found = []
for name in ["s3", "s3x", "cloudwatchlogs", "sqs"]:
    try:
        client = boto3.client(name)
        found.append(name)
    except ClientError as e:
        print(name, "ClientError", e)
    except UnknownServiceError as e:
        print(name, type(e).__name__, str(e).split(" Valid service names")[0])
        print(isinstance(e, ValueError), "Valid service names are:" in str(e))
print(found)
