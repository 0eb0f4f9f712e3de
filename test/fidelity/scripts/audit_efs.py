# fidelity: match
# seed: efs
# services: efs
# points: audit, many-services
import boto3

efs = boto3.client("efs")
for fs in efs.describe_file_systems()["FileSystems"]:
    print(fs["CreationToken"], fs["Encrypted"], fs["PerformanceMode"], fs["ThroughputMode"], fs["LifeCycleState"],
          fs.get("Name"), fs["SizeInBytes"]["Value"], fs["NumberOfMountTargets"])
