# fidelity: match
# seed: lambda
# services: lambda
# points: audit
import json

import boto3
from botocore.exceptions import ClientError

fn = boto3.client("lambda")
DEPRECATED = {"python3.7", "python3.6", "nodejs12.x"}
for f in fn.get_paginator("list_functions").paginate().build_full_result()["Functions"]:
    try:
        policy = json.loads(fn.get_policy(FunctionName=f["FunctionName"])["Policy"])
        public = any(s.get("Principal") in ("*", {"AWS": "*"}) for s in policy["Statement"])
    except ClientError as e:
        public = e.response["Error"]["Code"]
    print(f["FunctionName"], f["Runtime"], f["Runtime"] in DEPRECATED, f["MemorySize"], f["Timeout"],
          f["CodeSize"] > 0, public, f.get("Architectures"), f["LastModified"])
cfg = fn.get_function_configuration(FunctionName="orders-api")
print(sorted(cfg)[:10], cfg["Handler"], cfg["Role"])
print(fn.list_tags(Resource=cfg["FunctionArn"])["Tags"])
