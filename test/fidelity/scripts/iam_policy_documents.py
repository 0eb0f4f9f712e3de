# fidelity: match
# seed: iam
# services: iam
# points: iam-policy-documents
import boto3

iam = boto3.client("iam")
role = iam.get_role(RoleName="app-ec2")["Role"]
doc = role["AssumeRolePolicyDocument"]
print(type(doc).__name__, doc)
for stmt in doc["Statement"]:
    print(stmt["Effect"], stmt["Principal"], stmt["Action"])
pol = iam.get_role_policy(RoleName="app-ec2", PolicyName="read-buckets")
print(type(pol["PolicyDocument"]).__name__, pol["PolicyDocument"])
arn = "arn:aws:iam::123456789012:policy/acme-admin"
for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]:
    version = iam.get_policy_version(PolicyArn=arn, VersionId=v["VersionId"])["PolicyVersion"]
    print(v["VersionId"], v["IsDefaultVersion"], type(version["Document"]).__name__, version["Document"])
