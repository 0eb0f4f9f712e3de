# fidelity: match
# seed: s3
# services: s3
# points: thread-pool
from concurrent.futures import ThreadPoolExecutor, as_completed

import boto3
from botocore.exceptions import ClientError

s3 = boto3.client("s3")
buckets = [b["Name"] for b in s3.list_buckets()["Buckets"]]


def check(bucket):
    try:
        s3.get_public_access_block(Bucket=bucket)
        return bucket, "blocked"
    except ClientError as e:
        return bucket, e.response["Error"]["Code"]


results = {}
with ThreadPoolExecutor(max_workers=8) as pool:
    futures = {pool.submit(check, b): b for b in buckets}
    for fut in as_completed(futures):
        bucket, state = fut.result()
        results[bucket] = state
print(sorted(results.items()))
with ThreadPoolExecutor(max_workers=4) as pool:
    sizes = list(pool.map(lambda k: s3.head_object(Bucket="acme-logs", Key=k)["ContentLength"],
                          [f"2024/05/app-{i:02d}.log" for i in range(7)]))
print(sizes)
