# fidelity: match
# seed: dynamodb
# services: dynamodb
# points: error-modeled-exceptions, error-response
import boto3

ddb = boto3.client("dynamodb")
try:
    ddb.put_item(TableName="orders", Item={"customer": {"S": "c1"}, "order_id": {"N": "1"}},
                 ConditionExpression="attribute_not_exists(order_id)")
except ddb.exceptions.ConditionalCheckFailedException as e:
    print("conditional check failed:", e.response["Error"]["Code"], "|", e.response["Error"]["Message"])
    print(sorted(e.response))
ddb.update_item(TableName="orders", Key={"customer": {"S": "c1"}, "order_id": {"N": "1"}},
                UpdateExpression="SET #s = :s", ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":s": {"S": "closed"}}, ReturnValues="UPDATED_NEW")
print(ddb.get_item(TableName="orders", Key={"customer": {"S": "c1"}, "order_id": {"N": "1"}},
                   ProjectionExpression="#s", ExpressionAttributeNames={"#s": "status"})["Item"])
