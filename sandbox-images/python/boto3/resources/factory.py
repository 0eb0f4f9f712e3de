"""`boto3.resource(...)` in the runscript sandbox: not available; the refusal names the client
equivalent (see sandbox-images/python/README.md for why)."""

from botocore.exceptions import SandboxRestrictionError

__all__ = ["create_resource"]

_EXAMPLES = {
    "s3": "s3 = boto3.client('s3'); s3.list_buckets()['Buckets'] instead of resource.buckets.all(), "
    "s3.get_paginator('list_objects_v2').paginate(Bucket=name) instead of Bucket(name).objects.all()",
    "ec2": "ec2 = boto3.client('ec2'); ec2.get_paginator('describe_instances').paginate() instead of "
    "resource.instances.all()",
    "iam": "iam = boto3.client('iam'); iam.get_paginator('list_users').paginate() instead of resource.users.all()",
    "dynamodb": "ddb = boto3.client('dynamodb'); ddb.query(TableName=name, KeyConditionExpression='pk = :v', "
    "ExpressionAttributeValues={':v': {'S': 'x'}}) instead of Table(name).query(...); "
    "boto3.dynamodb.types.TypeDeserializer turns items into plain values",
}


def create_resource(session, service_name, *args, **kwargs):
    example = _EXAMPLES.get(service_name, f"boto3.client({service_name!r})")
    raise SandboxRestrictionError(
        message=f"boto3 resources (resource({service_name!r})) are not available in the runscript sandbox; "
        f"use the low-level client instead, e.g. {example}"
    )
