# fidelity: match
# seed: s3
# services: s3, ec2
# points: unknown-method, uncaught-error
import boto3

s3 = boto3.client("s3")
print(hasattr(s3, "list_buckets"), hasattr(s3, "list_bucketz"), hasattr(s3, "get_paginator"))
print(callable(getattr(s3, "head_object", None)), getattr(s3, "describe_buckets", "missing"))
try:
    s3.list_bucketz()
except AttributeError as e:
    print("AttributeError:", e)
ec2 = boto3.client("ec2")
print([n for n in ["describe_instances", "list_instances", "describe_vpcs"] if hasattr(ec2, n)])
ec2.describe_instance()
