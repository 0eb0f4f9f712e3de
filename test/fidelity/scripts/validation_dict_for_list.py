# fidelity: match
# seed: ec2
# services: ec2
# points: validation-dict-for-list
import boto3
from botocore.exceptions import ParamValidationError

ec2 = boto3.client("ec2")
# The classic agent mistake: one filter as a dict instead of a list of filters.
try:
    resp = ec2.describe_instances(Filters={"Name": "instance-state-name", "Values": ["running"]})
    print("instances (unfiltered!):", sum(len(r["Instances"]) for r in resp["Reservations"]))
except ParamValidationError as e:
    print("ParamValidationError:")
    print(e)
resp = ec2.describe_instances(Filters=[{"Name": "tag:env", "Values": ["prod"]}])
print("prod instances:", sum(len(r["Instances"]) for r in resp["Reservations"]))
