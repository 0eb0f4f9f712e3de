# fidelity: match
# seed: stepfunctions
# services: stepfunctions
# points: audit, many-services
import json

import boto3

sfn = boto3.client("stepfunctions")
for sm in sfn.list_state_machines()["stateMachines"]:
    d = sfn.describe_state_machine(stateMachineArn=sm["stateMachineArn"])
    definition = json.loads(d["definition"])
    print(sm["name"], d["type"], d["status"], d.get("loggingConfiguration", {}).get("level"),
          sorted(definition["States"]), repr(sm["creationDate"]))
