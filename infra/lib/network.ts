/**
 * The service network: a two-AZ VPC, the tasks' security group (HTTPS egress only) and the VPC
 * endpoints the tasks use to reach AWS.
 *
 * Two egress designs (context `egress`):
 * - `nat` (default): private subnets behind NAT gateway(s). Scripts can ask the host to call any AWS
 *   service the policy allows, and every public AWS endpoint is reachable. Cost: about 32 USD/month per
 *   NAT gateway plus 0.045 USD/GB processed (us-east-1 list prices).
 * - `endpoints`: isolated subnets with no route to the internet at all; the tasks reach AWS only
 *   through interface endpoints (about 7.3 USD/month per endpoint per AZ plus 0.01 USD/GB) and the free
 *   S3 and DynamoDB gateway endpoints. Only services listed in {@link INTERFACE_ENDPOINT_SERVICES} are
 *   reachable, so add the services your agents use.
 *
 * Either way the security group allows only TCP 443 out: the sandbox itself has no network API (on
 * Fargate there is no network namespace; see docs/deploy.md), and the host process talks only HTTPS to
 * AWS.
 */
import * as ec2 from "aws-cdk-lib/aws-ec2";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./compliance-checks.ts";
import type { EgressMode } from "./context.ts";

/**
 * Interface endpoints created in `endpoints` mode: what the service itself needs (image pull, logs,
 * secrets, STS, metrics) plus the services the bridge supports that have interface endpoints.
 */
export const INTERFACE_ENDPOINT_SERVICES: readonly ec2.InterfaceVpcEndpointAwsService[] = [
  ec2.InterfaceVpcEndpointAwsService.ECR,
  ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
  ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  ec2.InterfaceVpcEndpointAwsService.STS,
  ec2.InterfaceVpcEndpointAwsService.EC2,
  ec2.InterfaceVpcEndpointAwsService.LAMBDA,
  ec2.InterfaceVpcEndpointAwsService.SQS,
  ec2.InterfaceVpcEndpointAwsService.SNS,
  ec2.InterfaceVpcEndpointAwsService.KMS,
  ec2.InterfaceVpcEndpointAwsService.ECS,
  ec2.InterfaceVpcEndpointAwsService.CLOUDFORMATION,
  ec2.InterfaceVpcEndpointAwsService.CLOUDTRAIL,
  ec2.InterfaceVpcEndpointAwsService.CONFIG,
  ec2.InterfaceVpcEndpointAwsService.RDS,
];

/** Properties of {@link ServiceNetwork}. */
export interface ServiceNetworkProps {
  /** Egress design. */
  readonly egress: EgressMode;
  /** NAT gateways in `nat` mode. */
  readonly natGateways: number;
  /** Where the VPC flow logs (all traffic) go; `undefined` when context `vpcFlowLogs` is false. */
  readonly flowLogDestination: ec2.FlowLogDestination | undefined;
}

/** VPC, task security group and endpoints of the service. */
export class ServiceNetwork extends Construct {
  /** The VPC (2 AZs, public subnets for the load balancer, private or isolated ones for tasks). */
  readonly vpc: ec2.Vpc;
  /** Security group of the Fargate tasks: no ingress except from the load balancer, TCP 443 out. */
  readonly taskSecurityGroup: ec2.SecurityGroup;
  /** Subnets the tasks run in. */
  readonly taskSubnets: ec2.SubnetSelection;

  constructor(scope: Construct, id: string, props: ServiceNetworkProps) {
    super(scope, id);
    const isolated = props.egress === "endpoints";
    const taskSubnetType = isolated ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS;
    this.vpc = new ec2.Vpc(this, "Vpc", {
      maxAzs: 2,
      natGateways: isolated ? 0 : props.natGateways,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: "tasks", subnetType: taskSubnetType, cidrMask: 22 },
      ],
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });
    this.taskSubnets = { subnetType: taskSubnetType };
    if (props.flowLogDestination !== undefined) {
      this.vpc.addFlowLog("FlowLog", {
        destination: props.flowLogDestination,
        trafficType: ec2.FlowLogTrafficType.ALL,
      });
    } else {
      acknowledgeFindings(this.vpc, {
        finding: "AwsSolutions-VPC7",
        reason:
          "VPC flow logs turned off by the operator with context vpcFlowLogs=false (the default is on). Traffic of the tasks and the load balancer is then not recorded.",
      });
    }

    this.taskSecurityGroup = new ec2.SecurityGroup(this, "TaskSecurityGroup", {
      vpc: this.vpc,
      description: "runscript tasks: ingress only from the load balancer, egress HTTPS only",
      allowAllOutbound: false,
    });
    // In `endpoints` mode the isolated subnets have no internet route, so 443 reaches only the VPC
    // endpoints; in `nat` mode it reaches public AWS endpoints through the NAT gateway.
    this.taskSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), "HTTPS to AWS APIs");

    if (isolated) {
      const endpointSecurityGroup = new ec2.SecurityGroup(this, "EndpointSecurityGroup", {
        vpc: this.vpc,
        description: "runscript interface endpoints: HTTPS from the tasks",
        allowAllOutbound: false,
      });
      endpointSecurityGroup.addIngressRule(this.taskSecurityGroup, ec2.Port.tcp(443), "HTTPS from tasks");
      for (const service of INTERFACE_ENDPOINT_SERVICES) {
        const name = service.shortName.replace(/[^A-Za-z0-9]/g, "");
        this.vpc.addInterfaceEndpoint(`Endpoint${name}`, {
          service,
          subnets: this.taskSubnets,
          securityGroups: [endpointSecurityGroup],
          privateDnsEnabled: true,
          open: false,
        });
      }
    }
  }
}
