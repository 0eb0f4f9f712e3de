# fidelity: match
# services: s3, ec2, iam, dynamodb, logs, lambda
# points: can-paginate
import boto3

checks = {
    "s3": ["list_objects", "list_objects_v2", "list_object_versions", "list_multipart_uploads", "list_buckets", "get_object"],
    "ec2": ["describe_instances", "describe_regions", "describe_volumes"],
    "iam": ["list_users", "get_account_authorization_details", "get_user"],
    "dynamodb": ["scan", "query", "list_tables", "get_item"],
    "logs": ["describe_log_groups", "filter_log_events"],
    "lambda": ["list_functions", "invoke"],
}
for service, ops in checks.items():
    client = boto3.client(service)
    print(service, {op: client.can_paginate(op) for op in ops})
