# fidelity: match
# seed: s3
# services: s3, ec2
# points: botocore-config
import boto3
from botocore.config import Config

cfg = Config(retries={"max_attempts": 5, "mode": "standard"}, connect_timeout=5, read_timeout=30,
             region_name="eu-west-1", signature_version="v4", user_agent_extra="audit-agent/1.0")
s3 = boto3.client("s3", config=cfg)
print(s3.meta.region_name)
print(len(s3.list_buckets()["Buckets"]))
ec2 = boto3.client("ec2", config=Config(region_name="ap-southeast-2", max_pool_connections=20))
print(ec2.meta.region_name, ec2.describe_availability_zones()["AvailabilityZones"][0]["RegionName"])
merged = cfg.merge(Config(read_timeout=10))
print(merged.read_timeout, merged.connect_timeout, merged.region_name)
s3b = boto3.client("s3", region_name="us-west-2", config=Config(retries={"max_attempts": 2}))
print(s3b.meta.region_name)
