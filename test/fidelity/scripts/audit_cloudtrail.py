# fidelity: match
# seed: cloudtrail
# services: cloudtrail
# points: audit
import boto3

ct = boto3.client("cloudtrail")
for t in ct.describe_trails()["trailList"]:
    status = ct.get_trail_status(Name=t["Name"])
    print(t["Name"], t["IsMultiRegionTrail"], t["LogFileValidationEnabled"], t["S3BucketName"], t.get("KmsKeyId"),
          status["IsLogging"], t["HomeRegion"])
    sel = ct.get_event_selectors(TrailName=t["Name"])
    print(sorted(sel), sel.get("EventSelectors"))
print([t["Name"] for t in ct.list_trails()["Trails"]])
