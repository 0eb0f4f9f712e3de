# fidelity: match
# seed: ecs
# services: ecs
# points: audit
import boto3

ecs = boto3.client("ecs")
arns = ecs.list_clusters()["clusterArns"]
for c in ecs.describe_clusters(clusters=arns, include=["SETTINGS"])["clusters"]:
    print(c["clusterName"], c["status"], c.get("settings"), c["registeredContainerInstancesCount"])
for arn in ecs.list_task_definitions()["taskDefinitionArns"]:
    td = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
    print(td["family"], td["revision"], td["networkMode"], td["cpu"], td["memory"],
          [(c["name"], c["image"], c.get("privileged")) for c in td["containerDefinitions"]])
