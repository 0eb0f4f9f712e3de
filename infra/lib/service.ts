/**
 * The runscript fleet: an ECS cluster, a Fargate service running {@link ServiceTaskDefinition}, an
 * Application Load Balancer in front (HTTPS, HTTP redirected to HTTPS) and autoscaling on CPU and on
 * the server's `QueueDepth` metric.
 *
 * The service is stateless (any request may land on any task; long-running task state is in
 * DynamoDB), so there is no stickiness. Draining: when a task leaves (scale-in, deploy), ECS first
 * deregisters it and waits the deregistration delay (longer than the maximum script timeout) so
 * running scripts finish, then sends SIGTERM and allows 120 s more for the server's own drain.
 */
import { READINESS_PATH } from "@runscript/contracts";
import { Duration } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import type * as iam from "aws-cdk-lib/aws-iam";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./compliance-checks.ts";
import type { ContainerInsightsMode, RunscriptSettings } from "./context.ts";
import type { LogBuckets } from "./log-buckets.ts";
import { queueDepthMetric } from "./metrics.ts";
import type { ServiceNetwork } from "./network.ts";
import { SERVICE_PORT, ServiceTaskDefinition } from "./task-definition.ts";

/** Seconds added to the maximum script timeout for the load balancer's drain and idle timeouts. */
export const DRAIN_MARGIN_SECONDS = 30;

/** Container Insights setting of the cluster for each context value. */
const CONTAINER_INSIGHTS: Readonly<Record<ContainerInsightsMode, ecs.ContainerInsights>> = {
  enabled: ecs.ContainerInsights.ENABLED,
  enhanced: ecs.ContainerInsights.ENHANCED,
  disabled: ecs.ContainerInsights.DISABLED,
};

/** Readiness path the target group checks (the server's `/readyz`, from `@runscript/contracts`). */
export { READINESS_PATH };

/** Properties of {@link RunscriptService}. */
export interface RunscriptServiceProps {
  /** Network to run in. */
  readonly network: ServiceNetwork;
  /** The task role. */
  readonly taskRole: iam.IRole;
  /** The config secret. */
  readonly configSecret: secretsmanager.ISecret;
  /** Deployment settings. */
  readonly settings: RunscriptSettings;
  /** Bucket for the load balancer's access logs; `undefined` when context `accessLogs` is false. */
  readonly accessLogs: LogBuckets | undefined;
}

/** Where anyone on the internet may connect from. */
const ANYWHERE = "0.0.0.0/0";

/** Cluster, Fargate service, load balancer and autoscaling. */
export class RunscriptService extends Construct {
  /** The ECS cluster. */
  readonly cluster: ecs.Cluster;
  /** The Fargate service. */
  readonly service: ecs.FargateService;
  /** The task definition construct (containers, log group). */
  readonly task: ServiceTaskDefinition;
  /** The load balancer. */
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The target group of the tasks. */
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: RunscriptServiceProps) {
    super(scope, id);
    const { network, settings } = props;
    const drainSeconds = settings.maxScriptTimeoutSeconds + DRAIN_MARGIN_SECONDS;

    this.cluster = new ecs.Cluster(this, "Cluster", {
      vpc: network.vpc,
      containerInsightsV2: CONTAINER_INSIGHTS[settings.containerInsights],
    });
    if (settings.containerInsights === "disabled") {
      acknowledgeFindings(this.cluster, {
        finding: "AwsSolutions-ECS4",
        reason:
          "Container Insights turned off by the operator with context containerInsights=disabled (the default is enabled). Per-task CPU, memory and network metrics are then not collected; the service-level ECS metrics and the AWS-MCP metrics remain.",
      });
    }
    this.task = new ServiceTaskDefinition(this, "TaskDefinition", {
      taskRole: props.taskRole,
      configSecret: props.configSecret,
      imageUri: settings.imageUri,
      cpu: settings.cpu,
      memoryMiB: settings.memoryMiB,
      logRetentionDays: settings.logRetentionDays,
    });

    // desiredCount is left unset on purpose: CloudFormation would reset the running count to it on
    // every deploy, fighting autoscaling. The first deploy starts 1 task; scaling raises it to minTasks.
    this.service = new ecs.FargateService(this, "Service", {
      cluster: this.cluster,
      taskDefinition: this.task.taskDefinition,
      vpcSubnets: network.taskSubnets,
      securityGroups: [network.taskSecurityGroup],
      assignPublicIp: false,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(120),
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
    });

    const albSecurityGroup = new ec2.SecurityGroup(this, "LoadBalancerSecurityGroup", {
      vpc: network.vpc,
      description: "runscript load balancer: HTTPS (and HTTP for the redirect) from allowed CIDRs",
      allowAllOutbound: false,
    });
    for (const cidr of settings.allowedIngressCidrs) {
      albSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), "HTTPS");
      albSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(80), "HTTP, redirected to HTTPS");
    }
    if (settings.allowedIngressCidrs.includes(ANYWHERE)) {
      acknowledgeFindings(albSecurityGroup, {
        finding: "AwsSolutions-EC23",
        reason:
          "The MCP endpoint is public by design: agents connect from wherever they run. Only 443 (TLS 1.2+, RECOMMENDED_TLS policy) and 80 (which only redirects to 443) are open, every MCP request needs a bearer token whose SHA-256 is in the config, and the tasks accept traffic from this security group only. Operators whose agents have known addresses narrow it with context allowedIngressCidrs.",
      });
    }
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
      vpc: network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      internetFacing: true,
      securityGroup: albSecurityGroup,
      dropInvalidHeaderFields: true,
      // A run_script request may wait for its script; do not cut the connection before it can finish.
      idleTimeout: Duration.seconds(drainSeconds),
    });
    if (props.accessLogs !== undefined) {
      props.accessLogs.receiveAccessLogs(this.loadBalancer);
    } else {
      acknowledgeFindings(this.loadBalancer, {
        finding: "AwsSolutions-ELB2",
        reason:
          "Load balancer access logs turned off by the operator with context accessLogs=false (the default is on). Requests are then recorded only by the server's own logs.",
      });
    }

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, "Targets", {
      vpc: network.vpc,
      port: SERVICE_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: Duration.seconds(drainSeconds),
      healthCheck: {
        path: READINESS_PATH,
        healthyHttpCodes: "200",
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    this.service.attachToApplicationTargetGroup(this.targetGroup);
    this.service.connections.allowFrom(
      albSecurityGroup,
      ec2.Port.tcp(SERVICE_PORT),
      "load balancer to tasks",
    );

    this.loadBalancer.addListener("Https", {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(settings.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultTargetGroups: [this.targetGroup],
    });
    this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: settings.minTasks,
      maxCapacity: settings.maxTasks,
    });
    scaling.scaleOnCpuUtilization("CpuScaling", {
      targetUtilizationPercent: settings.cpuTargetPercent,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
    // Target tracking on the average number of runs waiting for a sandbox per task. With two
    // target-tracking policies, either can scale out; scale-in needs both to agree.
    scaling.scaleToTrackCustomMetric("QueueDepthScaling", {
      metric: queueDepthMetric("Average"),
      targetValue: settings.queueDepthTarget,
      scaleOutCooldown: Duration.seconds(60),
      scaleInCooldown: Duration.seconds(300),
    });
  }
}
