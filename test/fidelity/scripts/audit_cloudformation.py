# fidelity: match
# seed: cloudformation
# services: cloudformation
# points: audit
import boto3

cfn = boto3.client("cloudformation")
for s in cfn.describe_stacks()["Stacks"]:
    print(s["StackName"], s["StackStatus"], s.get("Description"), s.get("Parameters"), s.get("Tags"),
          s.get("EnableTerminationProtection"), s.get("DriftInformation"))
    body = cfn.get_template(StackName=s["StackName"])["TemplateBody"]
    print("  template:", type(body).__name__, sorted(body) if isinstance(body, dict) else body.splitlines()[0])
print([r["LogicalResourceId"] for r in cfn.list_stack_resources(StackName="queues")["StackResourceSummaries"]])
