# fidelity: match
# seed: dynamodb
# services: dynamodb
# points: audit
import boto3

ddb = boto3.client("dynamodb")
for name in ddb.list_tables()["TableNames"]:
    t = ddb.describe_table(TableName=name)["Table"]
    pitr = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    print(name, t["TableStatus"], t.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED"),
          t.get("SSEDescription", {}).get("Status", "DEFAULT"), t["ItemCount"],
          pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"],
          t["ProvisionedThroughput"]["ReadCapacityUnits"], repr(t["CreationDateTime"]))
    print(ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"])
