# fidelity: match
# seed: s3
# services: s3
# points: uncaught-error, error-wire-codes
import boto3

s3 = boto3.client("s3")
print("reading config...")
body = s3.get_object(Bucket="acme-config-missing", Key="settings.json")["Body"].read()
print("never printed", body)
