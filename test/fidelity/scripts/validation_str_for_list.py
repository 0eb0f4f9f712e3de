# fidelity: match
# seed: ec2
# services: ec2
# points: validation-str-for-list, uncaught-error
import boto3

ec2 = boto3.client("ec2")
ids = [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
print(len(ids), "instances")
# A single id as a string where botocore wants a list: ParamValidationError, uncaught.
ec2.describe_instances(InstanceIds=ids[0])
