# fidelity: match
# seed: elbv2
# services: elbv2
# points: audit, many-services
import boto3

elb = boto3.client("elbv2")
for lb in elb.describe_load_balancers()["LoadBalancers"]:
    listeners = elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
    attrs = {a["Key"]: a["Value"] for a in elb.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])["Attributes"]}
    plain_http = [l["Port"] for l in listeners if l["Protocol"] == "HTTP"]
    print(lb["LoadBalancerName"], lb["Scheme"], lb["Type"], lb["State"]["Code"], plain_http,
          attrs.get("deletion_protection.enabled"), attrs.get("access_logs.s3.enabled"), len(lb["AvailabilityZones"]))
for tg in elb.describe_target_groups()["TargetGroups"]:
    print(tg["TargetGroupName"], tg["Protocol"], tg["Port"], tg["HealthCheckPath"], tg["HealthCheckIntervalSeconds"])
