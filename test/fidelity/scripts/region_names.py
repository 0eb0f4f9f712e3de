# fidelity: pending #12 Session.get_available_regions raises SandboxRestrictionError
# services: s3, ec2, sts
# points: region-name
import os

import boto3

session = boto3.Session()
print(session.region_name, os.environ.get("AWS_DEFAULT_REGION"))
print(boto3.client("s3").meta.region_name, boto3.client("ec2").meta.region_name)
print(boto3.client("ec2", region_name="eu-west-1").meta.region_name)
print(boto3.Session(region_name="ap-southeast-2").client("sts").meta.region_name)
print("eu-west-1" in session.get_available_regions("ec2"), session.get_available_regions("ec2")[:3])
print(boto3.session.Session().region_name)
