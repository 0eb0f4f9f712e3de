# fidelity: match
# seed: iam
# services: iam
# points: audit, iam-policy-documents
import boto3

iam = boto3.client("iam")
for role in iam.list_roles()["Roles"]:
    doc = role["AssumeRolePolicyDocument"]
    principals = []
    for stmt in doc["Statement"]:
        p = stmt.get("Principal", {})
        principals += p.get("AWS", []) if isinstance(p.get("AWS"), list) else [p.get("AWS") or p.get("Service")]
    risky = "*" in principals
    attached = [a["PolicyArn"].split("/")[-1] for a in iam.list_attached_role_policies(RoleName=role["RoleName"])["AttachedPolicies"]]
    print(role["RoleName"], role["Path"], principals, "RISKY" if risky else "ok", attached, role.get("MaxSessionDuration"))
for prof in iam.list_instance_profiles()["InstanceProfiles"]:
    print(prof["InstanceProfileName"], [r["RoleName"] for r in prof["Roles"]])
