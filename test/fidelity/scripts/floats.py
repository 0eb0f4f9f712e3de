# fidelity: match
# seed: cloudwatch
# services: cloudwatch
# points: floats
from datetime import datetime, timezone

import boto3

cw = boto3.client("cloudwatch")
for alarm in cw.describe_alarms()["MetricAlarms"]:
    print(alarm["AlarmName"], alarm["Threshold"], type(alarm["Threshold"]).__name__, alarm["EvaluationPeriods"], alarm["Period"])
stats = cw.get_metric_statistics(
    Namespace="Acme/App", MetricName="Latency", Dimensions=[{"Name": "Service", "Value": "api"}],
    StartTime=datetime(2024, 5, 6, 6, 0, tzinfo=timezone.utc), EndTime=datetime(2024, 5, 6, 8, 0, tzinfo=timezone.utc),
    Period=3600, Statistics=["Average", "Sum", "Maximum", "Minimum", "SampleCount"],
)
for dp in sorted(stats["Datapoints"], key=lambda d: d["Timestamp"]):
    print(dp["Timestamp"].isoformat(), dp["Average"], dp["Sum"], dp["Maximum"], dp["Minimum"], dp["SampleCount"], dp["Unit"])
    print({k: type(v).__name__ for k, v in sorted(dp.items())})
req = cw.get_metric_statistics(
    Namespace="Acme/App", MetricName="Requests", StartTime=datetime(2024, 5, 6, 6, 0, tzinfo=timezone.utc),
    EndTime=datetime(2024, 5, 6, 8, 0, tzinfo=timezone.utc), Period=3600, Statistics=["Sum"],
)
print([(d["Sum"], type(d["Sum"]).__name__) for d in req["Datapoints"]])
