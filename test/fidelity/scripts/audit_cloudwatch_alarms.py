# fidelity: match
# seed: cloudwatch
# services: cloudwatch
# points: audit
import boto3

cw = boto3.client("cloudwatch")
for a in cw.get_paginator("describe_alarms").paginate().build_full_result()["MetricAlarms"]:
    print(a["AlarmName"], a["StateValue"], a["ActionsEnabled"], a.get("AlarmActions"), a["ComparisonOperator"],
          repr(a["StateUpdatedTimestamp"]))
metrics = cw.list_metrics(Namespace="Acme/App")["Metrics"]
print(sorted((m["MetricName"], tuple(d["Value"] for d in m["Dimensions"])) for m in metrics))
print(cw.list_tags_for_resource(ResourceARN=cw.describe_alarms(AlarmNames=["errors"])["MetricAlarms"][0]["AlarmArn"])["Tags"])
