# fidelity: pending #11 modeled exception classes and error members differ from botocore's
# seed: dynamodb, lambda, secretsmanager
# services: dynamodb, lambda, secretsmanager, kms, logs
# points: error-wire-codes, error-modeled-exceptions, error-response
import boto3
from botocore.exceptions import ClientError

calls = [
    ("dynamodb", lambda c: c.describe_table(TableName="missing-table")),
    ("dynamodb", lambda c: c.get_item(TableName="orders", Key={"customer": {"S": "c1"}})),
    ("lambda", lambda c: c.get_function_configuration(FunctionName="missing-fn")),
    ("secretsmanager", lambda c: c.describe_secret(SecretId="missing/secret")),
    ("kms", lambda c: c.describe_key(KeyId="11111111-2222-3333-4444-555555555555")),
    ("logs", lambda c: c.describe_log_streams(logGroupName="/missing/group")),
]
for service, call in calls:
    client = boto3.client(service)
    try:
        call(client)
        print(service, "no error")
    except ClientError as e:
        err = e.response["Error"]
        modeled = [n for n in dir(client.exceptions) if n[0].isupper() and isinstance(e, getattr(client.exceptions, n))]
        print(service, err["Code"], "|", err.get("Message"), "|", e.response["ResponseMetadata"]["HTTPStatusCode"],
              "|", type(e).__name__, modeled)
        print("   ", sorted(k for k in e.response if k != "ResponseMetadata"))
