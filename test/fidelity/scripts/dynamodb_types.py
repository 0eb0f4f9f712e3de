# fidelity: match
# seed: dynamodb
# services: dynamodb
# points: dynamodb-types
from decimal import Decimal

import boto3
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer

ddb = boto3.client("dynamodb")
deser = TypeDeserializer()
item = ddb.get_item(TableName="orders", Key={"customer": {"S": "c1"}, "order_id": {"N": "1"}})["Item"]
plain = {k: deser.deserialize(v) for k, v in sorted(item.items())}
print(plain)
print({k: type(v).__name__ for k, v in plain.items()})
ser = TypeSerializer()
print(ser.serialize({"n": Decimal("1.5"), "s": {"a", "b"} and sorted({"a", "b"}), "b": Binary(b"\x01"), "none": None}))
print(ser.serialize(Decimal("10")), ser.serialize(True), ser.serialize([1, "x"]))
try:
    ser.serialize(1.5)
except TypeError as e:
    print("TypeError:", e)
item2 = ddb.get_item(TableName="orders", Key={"customer": {"S": "c0"}, "order_id": {"N": "0"}})["Item"]
print({k: deser.deserialize(v) for k, v in sorted(item2.items())})
