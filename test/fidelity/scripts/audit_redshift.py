# fidelity: match
# seed: redshift
# services: redshift
# points: audit, many-services
import boto3

rs = boto3.client("redshift")
for c in rs.describe_clusters()["Clusters"]:
    print(c["ClusterIdentifier"], c["NodeType"], c["NumberOfNodes"], c["Encrypted"], c["PubliclyAccessible"],
          c["ClusterStatus"], c["AutomatedSnapshotRetentionPeriod"], c["Endpoint"]["Port"])
