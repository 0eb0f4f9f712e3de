# fidelity: match
# seed: dynamodb
# services: dynamodb
# points: paginator-sums
import boto3

ddb = boto3.client("dynamodb")
paginator = ddb.get_paginator("scan")
full = paginator.paginate(TableName="orders", PaginationConfig={"PageSize": 10}).build_full_result()
print(sorted(full))
print("Count", full["Count"], "ScannedCount", full["ScannedCount"], "Items", len(full["Items"]))
pages = list(paginator.paginate(TableName="orders", PaginationConfig={"PageSize": 10}))
print([p["Count"] for p in pages])
q = ddb.get_paginator("query").paginate(
    TableName="orders", KeyConditionExpression="customer = :c",
    ExpressionAttributeValues={":c": {"S": "c1"}}, PaginationConfig={"PageSize": 4},
).build_full_result()
print("query Count", q["Count"], [i["order_id"]["N"] for i in q["Items"]])
cut = paginator.paginate(TableName="orders", PaginationConfig={"PageSize": 10, "MaxItems": 15}).build_full_result()
print("cut", cut["Count"], len(cut["Items"]), "NextToken" in cut)
