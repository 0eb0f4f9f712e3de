# fidelity: match
# seed: backup
# services: backup
# points: audit, many-services
import boto3

b = boto3.client("backup")
for v in b.list_backup_vaults()["BackupVaultList"]:
    print(v["BackupVaultName"], v["NumberOfRecoveryPoints"], v.get("Locked"))
for p in b.list_backup_plans()["BackupPlansList"]:
    plan = b.get_backup_plan(BackupPlanId=p["BackupPlanId"])["BackupPlan"]
    print(plan["BackupPlanName"], [(r["RuleName"], r["ScheduleExpression"], r.get("Lifecycle")) for r in plan["Rules"]])
