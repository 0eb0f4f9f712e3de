# fidelity: match
# seed: events
# services: events
# points: audit, many-services
import boto3

ev = boto3.client("events")
print(sorted(b["Name"] for b in ev.list_event_buses()["EventBuses"]))
for r in ev.list_rules()["Rules"]:
    targets = ev.list_targets_by_rule(Rule=r["Name"])["Targets"]
    print(r["Name"], r["State"], r.get("ScheduleExpression"), r.get("EventPattern"), [t["Arn"] for t in targets])
