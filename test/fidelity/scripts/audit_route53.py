# fidelity: match
# seed: route53
# services: route53
# points: audit, many-services
import boto3

r53 = boto3.client("route53")
for z in r53.list_hosted_zones()["HostedZones"]:
    print(z["Name"], z["Id"].startswith("/hostedzone/"), z["Config"], z["ResourceRecordSetCount"])
    zone_id = z["Id"].split("/")[-1]
    for rr in r53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]:
        values = [r["Value"] for r in rr.get("ResourceRecords", [])]
        dangling = rr["Type"] == "CNAME" and any("s3-website" in v for v in values)
        print("  ", rr["Name"], rr["Type"], rr.get("TTL"), values, "DANGLING?" if dangling else "")
    print(r53.get_hosted_zone(Id=zone_id)["HostedZone"]["Name"])
