# fidelity: differs — runscript chooses endpoints itself (the operator's config); a script's endpoint_url is not followed
# seed: s3
# services: s3
# points: botocore-config
import boto3
from botocore.config import Config

s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:9", config=Config(retries={"max_attempts": 0}, connect_timeout=2))
print([b["Name"] for b in s3.list_buckets()["Buckets"]])
