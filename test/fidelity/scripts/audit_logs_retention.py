# fidelity: match
# seed: logs
# services: logs
# points: audit
import boto3

logs = boto3.client("logs")
for g in logs.get_paginator("describe_log_groups").paginate().build_full_result()["logGroups"]:
    print(g["logGroupName"], g.get("retentionInDays", "NEVER EXPIRES"), g["storedBytes"], g["metricFilterCount"],
          g["arn"], g["creationTime"])
events = logs.filter_log_events(logGroupName="/acme/app", filterPattern="ERROR")["events"]
print([(e["timestamp"], e["message"]) for e in events])
streams = logs.describe_log_streams(logGroupName="/acme/app")["logStreams"]
print([(s["logStreamName"], s.get("firstEventTimestamp"), s.get("lastEventTimestamp")) for s in streams])
print([f["filterName"] for f in logs.describe_metric_filters(logGroupName="/acme/app")["metricFilters"]])
print(logs.list_tags_log_group(logGroupName="/acme/app")["tags"])
