# fidelity: match
# seed: ec2, rds
# services: ec2, rds, cloudformation, elasticache, autoscaling
# points: error-wire-codes, error-response
import boto3
from botocore.exceptions import ClientError

calls = [
    ("ec2", lambda c: c.describe_instances(InstanceIds=["i-1234567890abcdef0"])),
    ("ec2", lambda c: c.describe_security_groups(GroupIds=["sg-12345678"])),
    ("ec2", lambda c: c.describe_volumes(VolumeIds=["vol-12345678"])),
    ("rds", lambda c: c.describe_db_instances(DBInstanceIdentifier="missing-db")),
    ("cloudformation", lambda c: c.describe_stacks(StackName="missing-stack")),
    ("elasticache", lambda c: c.describe_cache_clusters(CacheClusterId="missing")),
    ("autoscaling", lambda c: c.describe_auto_scaling_groups(AutoScalingGroupNames=["none"])),
]
for service, call in calls:
    client = boto3.client(service)
    try:
        r = call(client)
        print(service, "ok", sorted(k for k in r if k != "ResponseMetadata"))
    except ClientError as e:
        print(service, e.response["Error"], e.response["ResponseMetadata"]["HTTPStatusCode"], type(e).__name__)
