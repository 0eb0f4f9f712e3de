# fidelity: match
# seed: s3, ec2
# services: s3, ec2
# points: paginator-search, jmespath
import boto3

s3 = boto3.client("s3")
pages = s3.get_paginator("list_objects_v2").paginate(Bucket="acme-logs", PaginationConfig={"PageSize": 4})
print(list(pages.search("Contents[].Key")))
print(list(pages.search("Contents[?Size > `20`].[Key, Size]")))
ec2 = boto3.client("ec2")
it = ec2.get_paginator("describe_instances").paginate()
print(sorted(it.search("Reservations[].Instances[].InstanceType")))
print(list(ec2.get_paginator("describe_security_groups").paginate().search(
    "SecurityGroups[?IpPermissions[?IpRanges[?CidrIp=='0.0.0.0/0']]].GroupName")))
