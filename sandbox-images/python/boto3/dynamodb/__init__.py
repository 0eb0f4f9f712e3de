"""boto3.dynamodb: `types` (TypeSerializer, TypeDeserializer, Binary) and `conditions` (Key, Attr)."""
