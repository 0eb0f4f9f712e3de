import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AGENT_TAG,
  createRunscriptApp,
  DEFAULT_SETTINGS,
  METRICS_NAMESPACE,
  RUN_ID_TAG,
  type RunscriptStack,
  SANDBOX_ROLE_PATH,
} from "../lib/index.ts";
import {
  actionsOf,
  type CfnResource,
  type CfnStatement,
  logicalIdOf,
  resourcesOfType,
  roleStatements,
  wildcardActions,
} from "./template-queries.ts";

function synth(context: Record<string, unknown> = {}): { stack: RunscriptStack; template: Template } {
  const { stack } = createRunscriptApp({ context });
  return { stack, template: Template.fromStack(stack) };
}

let stack: RunscriptStack;
let template: Template;

beforeAll(() => {
  // The default app: image built from the repo Dockerfile as an asset, exactly what `cdk synth` does.
  ({ stack, template } = synth());
});

function sandboxRoles(t: Template): Record<string, CfnResource> {
  const roles = resourcesOfType(t, "AWS::IAM::Role");
  return Object.fromEntries(
    Object.entries(roles).filter(([, role]) => role.Properties?.Path === SANDBOX_ROLE_PATH),
  );
}

function trustStatements(role: CfnResource): CfnStatement[] {
  const document = role.Properties?.AssumeRolePolicyDocument as { Statement?: CfnStatement[] } | undefined;
  return document?.Statement ?? [];
}

function taskRoleId(s: RunscriptStack): string {
  return logicalIdOf(s.resolve(s.taskRole.role.roleArn));
}

describe("sandbox roles", () => {
  it("exist with predictable names: the read-only role and the scoped example role", () => {
    const roles = sandboxRoles(template);
    expect(
      Object.values(roles)
        .map((role) => role.Properties?.RoleName)
        .sort(),
    ).toEqual(["Runscript-ReadOnly", "Runscript-ScopedS3Reader"]);
    const readOnly = Object.values(roles).find((role) =>
      JSON.stringify(role.Properties?.ManagedPolicyArns ?? []).includes(":iam::aws:policy/ReadOnlyAccess"),
    );
    expect(readOnly).toBeDefined();
  });

  it("trust only the task role, for AssumeRole + SetSourceIdentity + TagSession, with identity and tag conditions", () => {
    const taskRole = taskRoleId(stack);
    for (const role of Object.values(sandboxRoles(template))) {
      const statements = trustStatements(role);
      expect(statements).toHaveLength(1);
      const [trust] = statements as [CfnStatement];
      expect(trust.Effect).toBe("Allow");
      expect(trust.Principal).toEqual({ AWS: { "Fn::GetAtt": [taskRole, "Arn"] } });
      expect(actionsOf(trust).sort()).toEqual(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]);
      // What @runscript/aws-bridge sends: SourceIdentity and the agent tag (the run id tag is optional).
      expect(trust.Condition?.Null).toEqual({
        "sts:SourceIdentity": "false",
        [`aws:RequestTag/${AGENT_TAG}`]: "false",
      });
      expect(trust.Condition?.StringLike?.["sts:SourceIdentity"]).toBe("?*");
      expect(trust.Condition?.StringLike?.[`aws:RequestTag/${AGENT_TAG}`]).toBe("?*");
      expect(trust.Condition?.["ForAllValues:StringEquals"]?.["aws:TagKeys"]).toEqual([
        AGENT_TAG,
        RUN_ID_TAG,
      ]);
    }
  });

  it("carry the permissions boundary, which denies IAM, Organizations and further role assumption", () => {
    const boundaries = resourcesOfType(template, "AWS::IAM::ManagedPolicy");
    const boundaryId = logicalIdOf(stack.resolve(stack.boundary.policy.managedPolicyArn));
    expect(Object.keys(boundaries)).toContain(boundaryId);
    for (const role of Object.values(sandboxRoles(template))) {
      expect(role.Properties?.PermissionsBoundary).toEqual({ Ref: boundaryId });
    }
    const document = boundaries[boundaryId]?.Properties?.PolicyDocument as
      | { Statement?: CfnStatement[] }
      | undefined;
    const statements = document?.Statement ?? [];
    const denied = statements.filter((s) => s.Effect === "Deny").flatMap(actionsOf);
    expect(denied).toEqual(expect.arrayContaining(["iam:*", "organizations:*", "sts:AssumeRole"]));
    // runscript's own resources (task table, config secret, logs) are off limits to every script.
    const ownResources = statements.find((s) => s.Sid === "DenyRunscriptOwnResources");
    expect(ownResources?.Effect).toBe("Deny");
    expect(JSON.stringify(ownResources?.Resource)).toContain(
      logicalIdOf(stack.resolve(stack.taskTable.table.tableArn)),
    );
    expect(JSON.stringify(ownResources?.Resource)).toContain(":secret:runscript/config");
  });

  it("the scoped role reads only its bucket prefix", () => {
    const scopedId = logicalIdOf(stack.resolve(stack.scopedExampleRole.roleArn));
    const statements = roleStatements(template, scopedId);
    expect(statements.flatMap(actionsOf).sort()).toEqual([
      "s3:GetObject",
      "s3:GetObjectTagging",
      "s3:GetObjectVersion",
      "s3:ListBucket",
    ]);
    expect(JSON.stringify(statements)).toContain(
      `:s3:::${DEFAULT_SETTINGS.exampleBucket}/${DEFAULT_SETTINGS.examplePrefix}*`,
    );
  });
});

describe("task role", () => {
  it("has no wildcard actions in any of its policies", () => {
    const statements = roleStatements(template, taskRoleId(stack));
    expect(statements.length).toBeGreaterThan(0);
    expect(wildcardActions(statements)).toEqual([]);
  });

  it("the wildcard check catches `*`, `service:*`, partial wildcards and NotAction", () => {
    const bad: CfnStatement[] = [
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Allow", Action: ["s3:GetObject", "sts:*"], Resource: "*" },
      { Effect: "Allow", Action: "ec2:Describe*", Resource: "*" },
      { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*" },
    ];
    expect(wildcardActions(bad)).toEqual(["*", "sts:*", "ec2:Describe*", "NotAction in statement"]);
  });

  it("may assume exactly the sandbox roles, publish metrics only to AWS-MCP, and use only its table", () => {
    const statements = roleStatements(template, taskRoleId(stack));
    const sts = statements.filter((s) => actionsOf(s).some((a) => a.startsWith("sts:")));
    const assumable = sts
      .flatMap((s) => [s.Resource].flat())
      .map(logicalIdOf)
      .sort();
    expect(assumable).toEqual(Object.keys(sandboxRoles(template)).sort());
    for (const statement of sts) {
      expect(actionsOf(statement).sort()).toEqual([
        "sts:AssumeRole",
        "sts:SetSourceIdentity",
        "sts:TagSession",
      ]);
    }
    const metrics = statements.filter((s) => actionsOf(s).includes("cloudwatch:PutMetricData"));
    expect(metrics).toHaveLength(1);
    expect(metrics[0]?.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": METRICS_NAMESPACE } });
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith("dynamodb:")));
    expect(dynamo.flatMap((s) => [s.Resource].flat()).map(logicalIdOf)).toEqual([
      logicalIdOf(stack.resolve(stack.taskTable.table.tableArn)),
    ]);
    expect(dynamo.flatMap(actionsOf)).not.toContain("dynamodb:Scan");
    // Nothing else: every statement is one of the three kinds above.
    expect(sts.length + metrics.length + dynamo.length).toBe(statements.length);
  });

  it("can be obtained only by ECS tasks of this account", () => {
    const role = resourcesOfType(template, "AWS::IAM::Role")[taskRoleId(stack)];
    const [trust] = trustStatements(role as CfnResource) as [CfnStatement];
    expect(trust.Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
    expect(trust.Condition?.StringEquals?.["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
  });

  it("the execution role has no wildcard actions either", () => {
    const executionRole = logicalIdOf(
      stack.resolve(stack.service.task.taskDefinition.obtainExecutionRole().roleArn),
    );
    expect(wildcardActions(roleStatements(template, executionRole))).toEqual([]);
  });
});

describe("containers", () => {
  function containers(t: Template): Record<string, unknown>[] {
    const [taskDefinition] = Object.values(resourcesOfType(t, "AWS::ECS::TaskDefinition"));
    return taskDefinition?.Properties?.ContainerDefinitions as Record<string, unknown>[];
  }

  it("every container: read-only root filesystem, non-root user, all capabilities dropped, none added", () => {
    const defs = containers(template);
    expect(defs.map((c) => c.Name).sort()).toEqual(["config-writer", "runscript"]);
    for (const container of defs) {
      expect(container.ReadonlyRootFilesystem).toBe(true);
      expect(container.User).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
      expect(container.Privileged).not.toBe(true);
      const capabilities = (
        container.LinuxParameters as { Capabilities?: { Add?: unknown[]; Drop?: unknown[] } }
      ).Capabilities;
      expect(capabilities?.Add ?? []).toEqual([]);
      expect(capabilities?.Drop).toEqual(["ALL"]);
    }
  });

  it("the server gets its config as a read-only file from the init container, never the secret itself", () => {
    const defs = containers(template);
    const server = defs.find((c) => c.Name === "runscript");
    const writer = defs.find((c) => c.Name === "config-writer");
    expect(server?.Secrets).toBeUndefined();
    expect(JSON.stringify(writer?.Secrets)).toContain(":secret:runscript/config");
    expect(server?.DependsOn).toEqual([{ ContainerName: "config-writer", Condition: "SUCCESS" }]);
    expect(server?.MountPoints).toEqual(
      expect.arrayContaining([
        { ContainerPath: "/etc/runscript", ReadOnly: true, SourceVolume: "config" },
        { ContainerPath: "/tmp", ReadOnly: false, SourceVolume: "tmp" },
      ]),
    );
    expect(server?.Command).toEqual([
      "node",
      "packages/cli/dist/main.js",
      "serve",
      "--config",
      "/etc/runscript/config.yaml",
    ]);
    expect(server?.PortMappings).toEqual([{ ContainerPort: 8787, Protocol: "tcp" }]);
  });

  it("logs to CloudWatch Logs with a retention", () => {
    for (const container of containers(template)) {
      expect((container.LogConfiguration as { LogDriver: string }).LogDriver).toBe("awslogs");
    }
    template.hasResourceProperties("AWS::Logs::LogGroup", {
      RetentionInDays: DEFAULT_SETTINGS.logRetentionDays,
    });
  });

  it("the default image is the repository Dockerfile, recorded as an asset without running Docker", () => {
    const [taskDefinition] = Object.values(resourcesOfType(template, "AWS::ECS::TaskDefinition"));
    const defs = (taskDefinition?.Properties?.ContainerDefinitions ?? []) as { Image: unknown }[];
    const image = JSON.stringify(defs[0]?.Image);
    expect(image).toContain("cdk-hnb659fds-container-assets");
  });
});

describe("load balancer and service", () => {
  it("target group checks /readyz and drains longer than the maximum script timeout", () => {
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", {
      HealthCheckPath: "/readyz",
      Port: 8787,
      TargetType: "ip",
      TargetGroupAttributes: Match.arrayWith([
        {
          Key: "deregistration_delay.timeout_seconds",
          Value: String(DEFAULT_SETTINGS.maxScriptTimeoutSeconds + 30),
        },
      ]),
    });
  });

  it("HTTPS listener with the certificate from context; HTTP redirects to HTTPS", () => {
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 443,
      Protocol: "HTTPS",
      Certificates: [{ CertificateArn: DEFAULT_SETTINGS.certificateArn }],
    });
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Port: 80,
      Protocol: "HTTP",
      DefaultActions: [
        { Type: "redirect", RedirectConfig: Match.objectLike({ Protocol: "HTTPS", Port: "443" }) },
      ],
    });
  });

  it("tasks run without public IPs and their security group allows only HTTPS out", () => {
    template.hasResourceProperties("AWS::ECS::Service", {
      LaunchType: "FARGATE",
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: "DISABLED" }) },
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
    });
    const taskSg = logicalIdOf(
      stack.resolve(stack.service.service.connections.securityGroups[0]?.securityGroupId),
    );
    const group = resourcesOfType(template, "AWS::EC2::SecurityGroup")[taskSg];
    expect(group?.Properties?.SecurityGroupEgress).toEqual([
      {
        CidrIp: "0.0.0.0/0",
        Description: "HTTPS to AWS APIs",
        FromPort: 443,
        IpProtocol: "tcp",
        ToPort: 443,
      },
    ]);
  });

  it("scales on CPU (target 60%) and on QueueDepth from AWS-MCP", () => {
    template.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", {
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" },
        TargetValue: 60,
      }),
    });
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        CustomizedMetricSpecification: Match.objectLike({
          Namespace: METRICS_NAMESPACE,
          MetricName: "QueueDepth",
        }),
        TargetValue: DEFAULT_SETTINGS.queueDepthTarget,
      }),
    });
    template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", {
      MinCapacity: DEFAULT_SETTINGS.minTasks,
      MaxCapacity: DEFAULT_SETTINGS.maxTasks,
    });
  });
});

describe("task table", () => {
  it("is on-demand, keyed by pk, with TTL on expiresAt", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      TableName: "Runscript-tasks",
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });
});

describe("observability", () => {
  function alarmText(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(resourcesOfType(template, "AWS::CloudWatch::Alarm")).map(([id, alarm]) => [
        id,
        JSON.stringify(alarm.Properties),
      ]),
    );
  }

  it("alarms on SystemError rate, Throttle rate, p99 RunDuration and policy denials in AWS-MCP", () => {
    const alarms = Object.values(alarmText());
    const onNamespace = alarms.filter((text) => text.includes(`"Namespace":"${METRICS_NAMESPACE}"`));
    expect(onNamespace.length).toBeGreaterThanOrEqual(4);
    const find = (predicate: (text: string) => boolean) => onNamespace.filter(predicate);
    expect(
      find((t) => t.includes('"MetricName":"SystemError"') && t.includes('"MetricName":"Invocation"')),
    ).toHaveLength(1);
    expect(
      find((t) => t.includes('"MetricName":"Throttle"') && t.includes('"MetricName":"Invocation"')),
    ).toHaveLength(1);
    expect(
      find((t) => t.includes('"MetricName":"RunDuration"') && /"(Stat|ExtendedStatistic)":"p99"/.test(t)),
    ).toHaveLength(1);
    expect(find((t) => t.includes('"MetricName":"PolicyDenials"'))).toHaveLength(1);
  });

  it("every alarm notifies the alarm topic", () => {
    const topicId = logicalIdOf(stack.resolve(stack.observability.alarmTopic.topicArn));
    for (const alarm of Object.values(resourcesOfType(template, "AWS::CloudWatch::Alarm"))) {
      expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: topicId }]);
    }
  });

  it("dashboard graphs the AWS-MCP metrics and ECS CPU/memory", () => {
    const [dashboard] = Object.values(resourcesOfType(template, "AWS::CloudWatch::Dashboard"));
    const body = JSON.stringify(dashboard?.Properties?.DashboardBody);
    for (const metric of [
      "Invocation",
      "SystemError",
      "Throttle",
      "Timeouts",
      "RunDuration",
      "PolicyDenials",
      "AwsCalls",
      "QueueDepth",
    ]) {
      expect(body).toContain(`\\"${metric}\\"`);
    }
    expect(body).toContain("p99");
    expect(body).toContain("CPUUtilization");
    expect(body).toContain("MemoryUtilization");
  });
});
