# fidelity: match
# seed: s3
# services: s3
# points: waiters, waiter-names
import boto3

s3 = boto3.client("s3")
print(type(s3.waiter_names).__name__, s3.waiter_names)
s3.get_waiter("bucket_exists").wait(Bucket="acme-logs")
print("acme-logs exists")
s3.put_object(Bucket="acme-logs", Key="waited.txt", Body=b"w")
s3.get_waiter("object_exists").wait(Bucket="acme-logs", Key="waited.txt", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
print("object exists")
s3.get_waiter("object_not_exists").wait(Bucket="acme-logs", Key="never.txt", WaiterConfig={"Delay": 1, "MaxAttempts": 2})
print("object does not exist")
w = s3.get_waiter("bucket_not_exists")
print(w.name, w.config.delay, w.config.max_attempts, w.config.operation)
