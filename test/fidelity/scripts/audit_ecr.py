# fidelity: match
# seed: ecr
# services: ecr
# points: audit, many-services
import json

import boto3
from botocore.exceptions import ClientError

ecr = boto3.client("ecr")
for repo in ecr.describe_repositories()["repositories"]:
    name = repo["repositoryName"]
    try:
        policy = json.loads(ecr.get_repository_policy(repositoryName=name)["policyText"])
        public = any(s.get("Principal") == "*" for s in policy["Statement"])
    except ClientError as e:
        public = e.response["Error"]["Code"]
    print(name, repo["imageTagMutability"], repo["imageScanningConfiguration"], repo["encryptionConfiguration"],
          public, repr(repo["createdAt"]))
