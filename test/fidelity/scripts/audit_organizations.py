# fidelity: match
# seed: organizations
# services: organizations
# points: audit
import boto3

org = boto3.client("organizations")
o = org.describe_organization()["Organization"]
print(o["FeatureSet"], o["MasterAccountEmail"], sorted(o))
print(sorted((a["Name"], a["Status"]) for a in org.list_accounts()["Accounts"]))
root = org.list_roots()["Roots"][0]
print(root["Name"], [p["Type"] for p in root["PolicyTypes"]])
print([ou["Name"] for ou in org.list_organizational_units_for_parent(ParentId=root["Id"])["OrganizationalUnits"]])
for p in org.list_policies(Filter="SERVICE_CONTROL_POLICY")["Policies"]:
    print(p["Name"], p["AwsManaged"], p.get("Description"))
