import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import {
  ACCESS_LOG_PREFIX,
  createRunscriptApp,
  DEFAULT_SETTINGS,
  FLOW_LOG_PREFIX,
  type RunscriptStack,
  readSettings,
} from "../lib/index.ts";
import { type CfnStatement, logicalIdOf, resourcesOfType } from "./template-queries.ts";

function synth(context: Record<string, string> = {}): { stack: RunscriptStack; template: Template } {
  // CDK's own template validation is covered by `npm run synth`; it costs seconds per app.
  const { stack } = createRunscriptApp({ context, builtinCloudFormationValidation: false });
  return { stack, template: Template.fromStack(stack) };
}

const { stack, template } = synth();

function bucketPolicyStatements(bucketId: string): CfnStatement[] {
  const policy = Object.values(resourcesOfType(template, "AWS::S3::BucketPolicy")).find(
    (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucketId }),
  );
  return ((policy?.Properties?.PolicyDocument as { Statement: CfnStatement[] }) ?? { Statement: [] })
    .Statement;
}

function deniesInsecureTransport(statements: readonly CfnStatement[]): boolean {
  return statements.some(
    (s) => s.Effect === "Deny" && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
  );
}

describe("log buckets", () => {
  const logBucket = () => logicalIdOf(stack.resolve(stack.logBuckets?.bucket.bucketArn));
  const accessLogBucket = () => logicalIdOf(stack.resolve(stack.logBuckets?.serverAccessLogBucket.bucketArn));

  it("both: SSE-S3, all public access blocked, ACLs off, expiring objects, kept on stack deletion, TLS only", () => {
    const buckets = resourcesOfType(template, "AWS::S3::Bucket");
    expect(Object.keys(buckets).sort()).toEqual([accessLogBucket(), logBucket()].sort());
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        LifecycleConfiguration: {
          Rules: [
            expect.objectContaining({
              ExpirationInDays: DEFAULT_SETTINGS.logBucketRetentionDays,
              Status: "Enabled",
            }),
          ],
        },
      });
      template.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain", Properties: bucket.Properties });
      expect(deniesInsecureTransport(bucketPolicyStatements(id)), id).toBe(true);
    }
  });

  it("the log bucket's server access logs go to the other bucket", () => {
    const buckets = resourcesOfType(template, "AWS::S3::Bucket");
    expect(buckets[logBucket()]?.Properties?.LoggingConfiguration).toMatchObject({
      DestinationBucketName: { Ref: accessLogBucket() },
    });
    const logging = bucketPolicyStatements(accessLogBucket()).find((s) =>
      JSON.stringify(s.Principal).includes("logging.s3.amazonaws.com"),
    );
    expect(logging?.Effect).toBe("Allow");
  });

  it("retention follows context logBucketRetentionDays", () => {
    const { template: custom } = synth({ logBucketRetentionDays: "400" });
    custom.hasResourceProperties("AWS::S3::Bucket", {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 400 })] },
    });
  });

  it("no sandbox session may touch them (permissions boundary)", () => {
    const boundaryId = logicalIdOf(stack.resolve(stack.boundary.policy.managedPolicyArn));
    const boundary = resourcesOfType(template, "AWS::IAM::ManagedPolicy")[boundaryId];
    const document = boundary?.Properties?.PolicyDocument as { Statement: CfnStatement[] } | undefined;
    const statements = document?.Statement ?? [];
    const own = JSON.stringify(statements.find((s) => s.Sid === "DenyRunscriptOwnResources")?.Resource);
    expect(own).toContain(logBucket());
    expect(own).toContain(accessLogBucket());
  });
});

describe("load balancer access logs", () => {
  it("are on, into the log bucket under alb/, writable by ELB log delivery for this account only", () => {
    const bucket = logicalIdOf(stack.resolve(stack.logBuckets?.bucket.bucketArn));
    template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: "access_logs.s3.enabled", Value: "true" },
        { Key: "access_logs.s3.bucket", Value: { Ref: bucket } },
        { Key: "access_logs.s3.prefix", Value: ACCESS_LOG_PREFIX },
      ]),
    });
    const delivery = bucketPolicyStatements(bucket).find((s) => s.Sid === "LoadBalancerAccessLogDelivery");
    expect(delivery?.Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
    expect(delivery?.Action).toBe("s3:PutObject");
    const resource = JSON.stringify(delivery?.Resource);
    expect(resource).toContain(`/${ACCESS_LOG_PREFIX}/AWSLogs/`);
    expect(resource).toContain('{"Ref":"AWS::AccountId"}');
  });

  it("the load balancer is created after the bucket policy that lets it write", () => {
    const [lb] = Object.values(template.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer"));
    const policy = stack.logBuckets?.bucket.policy?.node.defaultChild as CfnElement;
    const policyId = stack.getLogicalId(policy);
    expect((lb as { DependsOn?: string[] }).DependsOn).toContain(policyId);
  });
});

describe("VPC flow logs", () => {
  it("record all traffic of the VPC into the log bucket under vpc-flow-logs/", () => {
    template.resourceCountIs("AWS::EC2::FlowLog", 1);
    template.hasResourceProperties("AWS::EC2::FlowLog", {
      ResourceType: "VPC",
      TrafficType: "ALL",
      LogDestinationType: "s3",
      LogDestination: Match.objectLike({
        "Fn::Join": Match.arrayWith([Match.arrayWith([`/${FLOW_LOG_PREFIX}`])]),
      }),
    });
  });
});

describe("cluster, table, topic, task definition", () => {
  it("Container Insights is on by default and follows context containerInsights", () => {
    template.hasResourceProperties("AWS::ECS::Cluster", {
      ClusterSettings: [{ Name: "containerInsights", Value: "enabled" }],
    });
    synth({ containerInsights: "enhanced" }).template.hasResourceProperties("AWS::ECS::Cluster", {
      ClusterSettings: [{ Name: "containerInsights", Value: "enhanced" }],
    });
  });

  it("the task table has point-in-time recovery by default", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("the alarm topic refuses non-TLS requests and lets CloudWatch publish only this stack's alarms", () => {
    const [policy] = Object.values(resourcesOfType(template, "AWS::SNS::TopicPolicy"));
    const document = policy?.Properties?.PolicyDocument as { Statement: CfnStatement[] } | undefined;
    const statements = document?.Statement ?? [];
    expect(deniesInsecureTransport(statements)).toBe(true);
    const publish = statements.find((s) => s.Sid === "CloudWatchAlarmsPublish");
    expect(publish?.Principal).toEqual({ Service: "cloudwatch.amazonaws.com" });
    const alarmIds = Object.keys(resourcesOfType(template, "AWS::CloudWatch::Alarm")).sort();
    const sources = publish?.Condition?.ArnEquals?.["aws:SourceArn"] as unknown[];
    expect(sources.map(logicalIdOf).sort()).toEqual(alarmIds);
  });

  it("no container has plain environment variables (the config comes from Secrets Manager)", () => {
    const [taskDefinition] = Object.values(resourcesOfType(template, "AWS::ECS::TaskDefinition"));
    const defs = taskDefinition?.Properties?.ContainerDefinitions as Record<string, unknown>[];
    for (const container of defs) expect(container.Environment, String(container.Name)).toBeUndefined();
    const writer = defs.find((c) => c.Name === "config-writer");
    expect(JSON.stringify(writer?.Secrets)).toContain("RUNSCRIPT_CONFIG_YAML");
  });
});

describe("turning the secure defaults off", () => {
  it("vpcFlowLogs=false and accessLogs=false: no flow log, no access logs, no log buckets", () => {
    const { template: off } = synth({ vpcFlowLogs: "false", accessLogs: "false" });
    off.resourceCountIs("AWS::EC2::FlowLog", 0);
    off.resourceCountIs("AWS::S3::Bucket", 0);
    expect(JSON.stringify(resourcesOfType(off, "AWS::ElasticLoadBalancingV2::LoadBalancer"))).not.toContain(
      "access_logs.s3.enabled",
    );
  });

  it("refuses invalid values with INVALID_CONTEXT naming the key", () => {
    const cases: [Record<string, string>, string][] = [
      [{ vpcFlowLogs: "off" }, "vpcFlowLogs"],
      [{ accessLogs: "no" }, "accessLogs"],
      [{ logBucketRetentionDays: "0" }, "logBucketRetentionDays"],
      [{ containerInsights: "on" }, "containerInsights"],
      [{ complianceChecks: "maybe" }, "complianceChecks"],
    ];
    for (const [context, key] of cases) {
      expect(() => readSettings(context), key).toThrow(
        expect.objectContaining({ code: "INVALID_CONTEXT", key }),
      );
    }
  });
});
