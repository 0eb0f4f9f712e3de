# fidelity: match
# seed: rds
# services: rds
# points: audit
import boto3

rds = boto3.client("rds")
for db in rds.describe_db_instances()["DBInstances"]:
    print(db["DBInstanceIdentifier"], db["Engine"], db["DBInstanceClass"], db["StorageEncrypted"],
          db["PubliclyAccessible"], db["BackupRetentionPeriod"], db["MultiAZ"], db["DBInstanceStatus"],
          db.get("DeletionProtection"), [t["Key"] for t in db.get("TagList", [])])
for snap in rds.describe_db_snapshots()["DBSnapshots"]:
    print(snap["DBSnapshotIdentifier"], snap["SnapshotType"], snap["Encrypted"], snap["Status"])
