# fidelity: match
# seed: iam
# services: iam
# points: audit, iam-policy-documents
import boto3

iam = boto3.client("iam")
details = iam.get_account_authorization_details(Filter=["User", "Role", "LocalManagedPolicy"])
for u in details["UserDetailList"]:
    for p in u.get("UserPolicyList", []):
        print("user", u["UserName"], sorted(p), type(p["PolicyDocument"]).__name__, p["PolicyDocument"]["Statement"][0]["Action"])
for r in details["RoleDetailList"]:
    print("role", r["RoleName"], r["AssumeRolePolicyDocument"]["Statement"][0]["Principal"])
    for p in r.get("RolePolicyList", []):
        print("  inline", sorted(p), p["PolicyDocument"])
for p in details["Policies"]:
    for v in sorted(p["PolicyVersionList"], key=lambda v: v["VersionId"]):
        print("policy", p.get("PolicyName"), sorted(p)[:4], v["VersionId"], v["IsDefaultVersion"], v["Document"])
