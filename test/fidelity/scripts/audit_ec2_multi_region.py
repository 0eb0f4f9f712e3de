# fidelity: match
# seed: ec2
# services: ec2
# points: audit
import boto3

regions = ["us-east-1", "eu-west-1", "ap-southeast-2"]
print(len(boto3.client("ec2").describe_regions()["Regions"]) > 10)
summary = {}
for region in regions:
    ec2 = boto3.client("ec2", region_name=region)
    instances = [i for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]
    open_ssh = []
    for sg in ec2.describe_security_groups()["SecurityGroups"]:
        for perm in sg["IpPermissions"]:
            if perm.get("FromPort") == 22 and any(r["CidrIp"] == "0.0.0.0/0" for r in perm.get("IpRanges", [])):
                open_ssh.append(sg["GroupName"])
    unencrypted = [v["Size"] for v in ec2.describe_volumes()["Volumes"] if not v["Encrypted"]]
    vpcs = ec2.describe_vpcs()["Vpcs"]
    summary[region] = {
        "instances": len(instances),
        "types": sorted({i["InstanceType"] for i in instances}),
        "states": sorted({i["State"]["Name"] for i in instances}),
        "open_ssh": sorted(open_ssh),
        "unencrypted_volumes": sorted(unencrypted),
        "default_vpc": sum(1 for v in vpcs if v["IsDefault"]),
        "vpcs": len(vpcs),
        "azs": len(ec2.describe_availability_zones()["AvailabilityZones"]),
    }
for region, s in summary.items():
    print(region, s)
