# fidelity: match
# seed: eks
# services: eks
# points: audit, many-services
import boto3

eks = boto3.client("eks")
for name in sorted(eks.list_clusters()["clusters"]):
    c = eks.describe_cluster(name=name)["cluster"]
    vpc = c["resourcesVpcConfig"]
    logging = [t for l in c["logging"]["clusterLogging"] if l["enabled"] for t in l["types"]]
    print(name, c["version"], c["status"], vpc["endpointPublicAccess"], vpc.get("publicAccessCidrs"), logging)
    for ng in eks.list_nodegroups(clusterName=name)["nodegroups"]:
        d = eks.describe_nodegroup(clusterName=name, nodegroupName=ng)["nodegroup"]
        print("  ", ng, d["scalingConfig"], d["status"])
