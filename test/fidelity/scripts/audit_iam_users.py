# fidelity: match
# seed: iam
# services: iam
# points: audit
import boto3

iam = boto3.client("iam")
for user in iam.get_paginator("list_users").paginate().build_full_result()["Users"]:
    name = user["UserName"]
    keys = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
    mfa = iam.list_mfa_devices(UserName=name)["MFADevices"]
    attached = [p["PolicyName"] for p in iam.list_attached_user_policies(UserName=name)["AttachedPolicies"]]
    inline = iam.list_user_policies(UserName=name)["PolicyNames"]
    groups = [g["GroupName"] for g in iam.list_groups_for_user(UserName=name)["Groups"]]
    tags = {t["Key"]: t["Value"] for t in iam.list_user_tags(UserName=name)["Tags"]}
    print(name, len(keys), len(mfa), attached, inline, groups, tags, user.get("PasswordLastUsed"))
pp = iam.get_account_password_policy()["PasswordPolicy"]
print(sorted(pp.items()))
summary = iam.get_account_summary()["SummaryMap"]
print(summary["Users"], summary["Roles"], summary["Groups"], summary["Policies"])
