# fidelity: match
# seed: ec2
# services: ec2, dynamodb
# points: waiters, waiter-names, uncaught-error
import boto3

ec2 = boto3.client("ec2")
print(len(ec2.waiter_names), "ec2 waiters;", "instance_running" in ec2.waiter_names)
ids = [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
ec2.get_waiter("instance_running").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
print("running:", len(ids))
ec2.get_waiter("instance_status_ok").wait(InstanceIds=ids, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
print("status ok")
ddb = boto3.client("dynamodb")
print(ddb.waiter_names)
try:
    ddb.get_waiter("table_not_exists")
    ddb.get_waiter("no_such_waiter")
except ValueError as e:
    print("ValueError:", e)
ddb.get_waiter("table_exists").wait(TableName="nope", WaiterConfig={"Delay": 1, "MaxAttempts": 2})
