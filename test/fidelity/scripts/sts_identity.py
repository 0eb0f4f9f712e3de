# fidelity: match
# services: sts
# points: audit
import boto3

sts = boto3.client("sts")
ident = sts.get_caller_identity()
print(ident["Account"], ident["Arn"], ident["UserId"])
print(boto3.client("sts", region_name="eu-west-1").get_caller_identity()["Account"])
