# fidelity: match
# seed: dynamodb
# services: dynamodb
# points: dynamodb-conditions, boto3-resource
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, Key

table = boto3.resource("dynamodb").Table("orders")
resp = table.query(KeyConditionExpression=Key("customer").eq("c2") & Key("order_id").between(5, 30))
print(resp["Count"], [(i["order_id"], i["status"]) for i in resp["Items"]])
resp = table.scan(FilterExpression=Attr("status").eq("shipped") & Attr("total").gt(Decimal("30")))
print(resp["Count"], resp["ScannedCount"], sorted(int(i["order_id"]) for i in resp["Items"]))
resp = table.scan(FilterExpression=Attr("note").not_exists() | Attr("gift").eq(True), ProjectionExpression="order_id")
print(sorted(int(i["order_id"]) for i in resp["Items"]))
print(type(Key("customer").eq("x")).__name__, Key("customer").eq("x").get_expression()["operator"])
client = boto3.client("dynamodb")
try:
    client.query(TableName="orders", KeyConditionExpression=Key("customer").eq("c2"))
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
