# fidelity: match
# seed: kms
# services: kms
# points: audit
import boto3
from botocore.exceptions import ClientError

kms = boto3.client("kms")
aliases = {a.get("TargetKeyId"): a["AliasName"] for a in kms.list_aliases()["Aliases"] if a.get("TargetKeyId")}
for k in kms.list_keys()["Keys"]:
    meta = kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]
    try:
        rotation = kms.get_key_rotation_status(KeyId=k["KeyId"])["KeyRotationEnabled"]
    except ClientError as e:
        rotation = e.response["Error"]["Code"]
    print(meta["Description"], meta["KeyState"], meta.get("KeyUsage"), meta.get("KeySpec"), meta["KeyManager"],
          rotation, aliases.get(k["KeyId"]), repr(meta["CreationDate"]), meta["Enabled"])
try:
    kms.describe_key(KeyId="alias/missing")
except kms.exceptions.NotFoundException as e:
    print(e.response["Error"])
