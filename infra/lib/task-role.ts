/**
 * The ECS task role: the identity of the runscript host process. It holds no AWS permissions of its
 * own beyond publishing its metrics and using its task table; everything a script does on AWS goes
 * through a sandbox role it assumes (see `sandbox-roles.ts`, which adds those grants).
 *
 * Every statement names its actions explicitly. `cloudwatch:PutMetricData` has no resource-level
 * permissions, so its resource is `*`, narrowed by the `cloudwatch:namespace` condition.
 */
import { Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
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
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: "PublishRunscriptMetrics",
        actions: ["cloudwatch:PutMetricData"],
        resources: ["*"],
        conditions: { StringEquals: { "cloudwatch:namespace": METRICS_NAMESPACE } },
      }),
    );
  }
}
