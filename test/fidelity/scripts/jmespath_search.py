# fidelity: match
# seed: ec2, iam
# services: ec2, iam
# points: jmespath
import boto3
import jmespath

ec2 = boto3.client("ec2")
resp = ec2.describe_instances()
print(sorted(jmespath.search("Reservations[].Instances[].Tags[?Key=='Name'].Value[]", resp)))
print(jmespath.search("length(Reservations[].Instances[])", resp))
vols = ec2.describe_volumes()
print(sorted(jmespath.search("Volumes[?Encrypted==`false`].Size", vols)))
expr = jmespath.compile("Roles[?contains(AssumeRolePolicyDocument.Statement[].Principal.AWS || `[]`, '*')].RoleName")
print(expr.search(boto3.client("iam").list_roles()))
print(jmespath.search("max_by(Volumes, &Size).Size", vols))
