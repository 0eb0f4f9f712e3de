# fidelity: match
# seed: ec2
# services: ec2
# points: audit, timestamps
import boto3

ec2 = boto3.client("ec2", region_name="eu-west-1")
for r in ec2.describe_instances()["Reservations"]:
    for i in r["Instances"]:
        print(i["InstanceType"], i["State"], i["Placement"]["AvailabilityZone"], repr(i["LaunchTime"]))
        print(sorted(i)[:12])
        print(i["Monitoring"], i["Architecture"], [g["GroupName"] for g in i["SecurityGroups"]])
        print(sorted((t["Key"], t["Value"]) for t in i["Tags"]))
for v in ec2.describe_volumes()["Volumes"]:
    print(v["Size"], v["VolumeType"], v["Encrypted"], v["State"], repr(v["CreateTime"]), v.get("Iops"))
