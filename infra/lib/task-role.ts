/**
 * The ECS task role: the identity of the runscript host process. It holds no AWS permissions of its
 * own beyond publishing its metrics and using its task table; everything a script does on AWS goes
 * through a sandbox role it assumes (see `sandbox-roles.ts`, which adds those grants).
 *
 * Every statement names its actions explicitly. `cloudwatch:PutMetricData` has no resource-level
 * permissions, so its resource is `*`, narrowed by the `cloudwatch:namespace` condition; it sits in a
 * policy of its own so that the cdk-nag acknowledgement of that `*` covers nothing else.
 */
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./compliance-checks.ts";
import { METRICS_NAMESPACE } from "./metrics.ts";

/** The task role of the runscript service. */
export class ServiceTaskRole extends Construct {
  /** The role ECS hands to the tasks. */
  readonly role: iam.Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, "Role", {
      description: "runscript service tasks: assume sandbox roles, publish AWS-MCP metrics, task table",
      // Confused-deputy protection: only ECS tasks of this account may obtain the role.
      assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com", {
        conditions: {
          StringEquals: { "aws:SourceAccount": stack.account },
          ArnLike: { "aws:SourceArn": `arn:${stack.partition}:ecs:${stack.region}:${stack.account}:*` },
        },
      }),
    });
    const metricsPolicy = new iam.Policy(this, "PublishMetrics", {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: "PublishRunscriptMetrics",
          actions: ["cloudwatch:PutMetricData"],
          resources: ["*"],
          conditions: { StringEquals: { "cloudwatch:namespace": METRICS_NAMESPACE } },
        }),
      ],
    });
    acknowledgeFindings(metricsPolicy, {
      finding: "AwsSolutions-IAM5[Resource::*]",
      reason: `cloudwatch:PutMetricData has no resource-level permissions, so its resource must be *. This policy holds only that action, and the cloudwatch:namespace condition limits it to the ${METRICS_NAMESPACE} namespace.`,
    });
  }
}
