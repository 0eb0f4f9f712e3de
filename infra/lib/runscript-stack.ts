/**
 * The runscript stack: network, task role, sandbox roles and their boundary, the task table, the
 * Fargate service behind its load balancer, and the dashboard and alarms.
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import type { RunscriptSettings } from "./context.ts";
import { LogBuckets } from "./log-buckets.ts";
import { ServiceNetwork } from "./network.ts";
import { Observability } from "./observability.ts";
import { SandboxPermissionsBoundary } from "./sandbox-permissions-boundary.ts";
import { SandboxRoles, s3PrefixReadGrant } from "./sandbox-roles.ts";
import { RunscriptService } from "./service.ts";
import { ServiceTaskRole } from "./task-role.ts";
import { TaskTable } from "./task-table.ts";

/** Properties of {@link RunscriptStack}. */
export interface RunscriptStackProps extends StackProps {
  /** Parsed deployment settings (see `readSettings`). */
  readonly settings: RunscriptSettings;
}

/** Everything runscript needs in one AWS account and region. */
export class RunscriptStack extends Stack {
  /** The host's task role. */
  readonly taskRole: ServiceTaskRole;
  /** The sandbox roles scripts run as. */
  readonly sandboxRoles: SandboxRoles;
  /** The example scoped sandbox role (S3 read under one prefix). */
  readonly scopedExampleRole: SandboxRoles["readOnlyRole"];
  /** The permissions boundary of the sandbox roles. */
  readonly boundary: SandboxPermissionsBoundary;
  /** The buckets of the flow logs and load balancer access logs (absent when both are turned off). */
  readonly logBuckets: LogBuckets | undefined;
  /** The DynamoDB task table. */
  readonly taskTable: TaskTable;
  /** The service (cluster, tasks, load balancer, scaling). */
  readonly service: RunscriptService;
  /** Dashboard and alarms. */
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: RunscriptStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.logBuckets =
      settings.vpcFlowLogs || settings.accessLogs
        ? new LogBuckets(this, "LogBuckets", { retentionDays: settings.logBucketRetentionDays })
        : undefined;
    const network = new ServiceNetwork(this, "Network", {
      egress: settings.egress,
      natGateways: settings.natGateways,
      flowLogDestination: settings.vpcFlowLogs ? this.logBuckets?.flowLogDestination() : undefined,
    });
    const configSecret =
      settings.configSecretArn !== undefined
        ? secretsmanager.Secret.fromSecretCompleteArn(this, "ConfigSecret", settings.configSecretArn)
        : secretsmanager.Secret.fromSecretNameV2(this, "ConfigSecret", settings.configSecretName);
    this.taskTable = new TaskTable(this, "TaskTable", {
      tableName: `${settings.stackName}-tasks`,
      pointInTimeRecovery: settings.pointInTimeRecovery,
    });
    this.taskRole = new ServiceTaskRole(this, "TaskRole");
    this.taskTable.grantItemAccess(this.taskRole.role);

    this.service = new RunscriptService(this, "Service", {
      network,
      taskRole: this.taskRole.role,
      configSecret,
      settings,
      accessLogs: settings.accessLogs ? this.logBuckets : undefined,
    });

    this.boundary = new SandboxPermissionsBoundary(this, "SandboxBoundary", {
      protectedResourceArns: [
        this.taskTable.table.tableArn,
        `${configSecret.secretArn}*`,
        this.service.task.logGroup.logGroupArn,
        ...[this.logBuckets?.bucket, this.logBuckets?.serverAccessLogBucket].flatMap((bucket) =>
          bucket === undefined ? [] : [bucket.bucketArn, bucket.arnForObjects("*")],
        ),
      ],
    });
    this.sandboxRoles = new SandboxRoles(this, "SandboxRoles", {
      taskRole: this.taskRole.role,
      boundary: this.boundary.policy,
      readOnlyPolicy: settings.readOnlyPolicy,
      namePrefix: settings.stackName,
    });
    this.scopedExampleRole = this.sandboxRoles.addRole("ScopedS3Reader", {
      description: `runscript sandbox: read s3://${settings.exampleBucket}/${settings.examplePrefix} only`,
      ...s3PrefixReadGrant(settings.exampleBucket, settings.examplePrefix),
    });

    this.observability = new Observability(this, "Observability", {
      service: this.service.service,
      targetGroup: this.service.targetGroup,
      settings,
    });

    new CfnOutput(this, "Endpoint", {
      description: "MCP endpoint (point a DNS name covered by the certificate at the load balancer)",
      value: `https://${this.service.loadBalancer.loadBalancerDnsName}/mcp`,
    });
    new CfnOutput(this, "LoadBalancerDnsName", { value: this.service.loadBalancer.loadBalancerDnsName });
    new CfnOutput(this, "TaskRoleArn", { value: this.taskRole.role.roleArn });
    new CfnOutput(this, "ReadOnlySandboxRoleArn", { value: this.sandboxRoles.readOnlyRole.roleArn });
    new CfnOutput(this, "ScopedSandboxRoleArn", { value: this.scopedExampleRole.roleArn });
    new CfnOutput(this, "TaskTableName", { value: this.taskTable.table.tableName });
    new CfnOutput(this, "LogGroupName", { value: this.service.task.logGroup.logGroupName });
    new CfnOutput(this, "ClusterName", { value: this.service.cluster.clusterName });
    new CfnOutput(this, "ServiceName", { value: this.service.service.serviceName });
    new CfnOutput(this, "AlarmTopicArn", { value: this.observability.alarmTopic.topicArn });
    new CfnOutput(this, "DashboardName", { value: this.observability.dashboard.dashboardName });
    if (this.logBuckets !== undefined) {
      new CfnOutput(this, "LogBucketName", { value: this.logBuckets.bucket.bucketName });
    }
  }
}
