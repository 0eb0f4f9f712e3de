# fidelity: match
# seed: autoscaling
# services: autoscaling
# points: audit, many-services
import boto3

asg = boto3.client("autoscaling")
for g in asg.describe_auto_scaling_groups()["AutoScalingGroups"]:
    print(g["AutoScalingGroupName"], g["MinSize"], g["MaxSize"], g["DesiredCapacity"], sorted(g["AvailabilityZones"]),
          g["HealthCheckType"], g["HealthCheckGracePeriod"], [(t["Key"], t["Value"]) for t in g["Tags"]])
for lc in asg.describe_launch_configurations()["LaunchConfigurations"]:
    print(lc["LaunchConfigurationName"], lc["InstanceType"], lc.get("AssociatePublicIpAddress"), repr(lc["CreatedTime"]))
