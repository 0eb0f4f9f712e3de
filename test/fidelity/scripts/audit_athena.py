# fidelity: match
# seed: athena
# services: athena
# points: audit, many-services
import boto3

ath = boto3.client("athena")
for wg in ath.list_work_groups()["WorkGroups"]:
    d = ath.get_work_group(WorkGroup=wg["Name"])["WorkGroup"]
    cfg = d.get("Configuration", {})
    print(d["Name"], d["State"], cfg.get("EnforceWorkGroupConfiguration"), cfg.get("ResultConfiguration"),
          cfg.get("BytesScannedCutoffPerQuery"))
ids = ath.list_named_queries(WorkGroup="analysts")["NamedQueryIds"]
print([ath.get_named_query(NamedQueryId=i)["NamedQuery"]["Name"] for i in ids])
