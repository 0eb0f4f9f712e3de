# fidelity: match
# seed: sqs
# services: sqs
# points: audit
import json

import boto3

sqs = boto3.client("sqs")
for url in sqs.list_queues()["QueueUrls"]:
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    policy = json.loads(attrs["Policy"]) if "Policy" in attrs else None
    public = bool(policy) and any(s.get("Principal") == "*" for s in policy["Statement"])
    print(url.rsplit("/", 1)[-1], attrs.get("KmsMasterKeyId"), attrs.get("SqsManagedSseEnabled"),
          attrs["MessageRetentionPeriod"], attrs.get("FifoQueue", "false"), "PUBLIC" if public else "private",
          attrs["ApproximateNumberOfMessages"], sorted(attrs)[:5])
