# fidelity: match
# seed: ec2, iam
# services: ec2, iam
# points: boto3-resource
import boto3

ec2 = boto3.resource("ec2")
for inst in ec2.instances.filter(Filters=[{"Name": "tag:env", "Values": ["prod"]}]):
    print(inst.id.startswith("i-"), inst.instance_type, inst.state["Name"], {t["Key"]: t["Value"] for t in inst.tags})
print(sorted((sg.group_name, len(sg.ip_permissions)) for sg in ec2.security_groups.all()))
print(sorted((v.size, v.encrypted) for v in ec2.volumes.all()))
iam = boto3.resource("iam")
print(sorted(u.name for u in iam.users.all()))
role = iam.Role("app-ec2")
print(role.arn, role.assume_role_policy_document)
print([p.name for p in role.policies.all()])
