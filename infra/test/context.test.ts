import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Match, Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { createRunscriptApp, InfraContextError, type RunscriptStack, readSettings } from "../lib/index.ts";
import {
  type CfnResource,
  logicalIdOf,
  resourcesOfType,
  roleStatements,
  wildcardActions,
} from "./template-queries.ts";

const ECR_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/runscript:1.2.3";

function synth(context: Record<string, unknown> = {}): { stack: RunscriptStack; template: Template } {
  const { stack } = createRunscriptApp({ context });
  return { stack, template: Template.fromStack(stack) };
}

describe("context", () => {
  it("flows into the template: certificate, drain time, image URI, ingress CIDRs", () => {
    const certificateArn =
      "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    const { template: custom } = synth({
      certificateArn,
      maxScriptTimeoutSeconds: "600",
      imageUri: ECR_IMAGE,
      allowedIngressCidrs: "10.0.0.0/8,192.168.0.0/16",
    });
    custom.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", {
      Certificates: [{ CertificateArn: certificateArn }],
    });
    custom.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", {
      TargetGroupAttributes: Match.arrayWith([{ Key: "deregistration_delay.timeout_seconds", Value: "630" }]),
    });
    custom.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", {
      LoadBalancerAttributes: Match.arrayWith([{ Key: "idle_timeout.timeout_seconds", Value: "630" }]),
    });
    custom.hasResourceProperties("AWS::ECS::TaskDefinition", {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: "runscript", Image: ECR_IMAGE })]),
    });
    const ingress = JSON.stringify(resourcesOfType(custom, "AWS::EC2::SecurityGroup"));
    expect(ingress).toContain("10.0.0.0/8");
    expect(ingress).toContain("192.168.0.0/16");
    expect(ingress).not.toContain('"CidrIp":"0.0.0.0/0","Description":"HTTPS"');
  });

  it("an ECR image URI gives the execution role pull rights on that repository only", () => {
    const { stack: s, template: t } = synth({ imageUri: ECR_IMAGE });
    const executionRole = logicalIdOf(s.resolve(s.service.task.taskDefinition.obtainExecutionRole().roleArn));
    const statements = roleStatements(t, executionRole);
    expect(wildcardActions(statements)).toEqual([]);
    expect(JSON.stringify(statements)).toContain(":ecr:eu-west-1:123456789012:repository/runscript");
  });

  it("egress=endpoints: no NAT gateway, isolated task subnets, interface endpoints for STS and CloudWatch", () => {
    const { template: t } = synth({ egress: "endpoints", imageUri: ECR_IMAGE });
    t.resourceCountIs("AWS::EC2::NatGateway", 0);
    const endpoints = JSON.stringify(resourcesOfType(t, "AWS::EC2::VPCEndpoint"));
    expect(endpoints).toContain(".sts");
    expect(endpoints).toContain(".monitoring");
    expect(endpoints).toContain(".dynamodb");
  });

  it("egress=nat (default): one NAT gateway and gateway endpoints for S3 and DynamoDB", () => {
    const { template } = synth({ imageUri: ECR_IMAGE });
    template.resourceCountIs("AWS::EC2::NatGateway", 1);
    const endpoints = Object.values(resourcesOfType(template, "AWS::EC2::VPCEndpoint"));
    expect(endpoints.map((e) => e.Properties?.VpcEndpointType)).toEqual(["Gateway", "Gateway"]);
  });

  it("refuses invalid values with INVALID_CONTEXT naming the key", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ egress: "internet" }, "egress"],
      [{ maxTasks: "1", minTasks: "2" }, "maxTasks"],
      [{ cpu: "3000" }, "cpu"],
      [{ allowedIngressCidrs: "10.0.0.0/33" }, "allowedIngressCidrs"],
      [{ certificateArn: "not-an-arn" }, "certificateArn"],
      [{ logRetentionDays: "8" }, "logRetentionDays"],
      [
        { configSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:runscript/config" },
        "configSecretArn",
      ],
      [{ pointInTimeRecovery: "yes" }, "pointInTimeRecovery"],
      [{ stackName: "run_script" }, "stackName"],
    ];
    for (const [context, key] of cases) {
      let caught: unknown;
      try {
        readSettings(context);
      } catch (error) {
        caught = error;
      }
      expect(caught, key).toBeInstanceOf(InfraContextError);
      expect((caught as InfraContextError).code).toBe("INVALID_CONTEXT");
      expect((caught as InfraContextError).key).toBe(key);
    }
  });

  it("parses -c style strings", () => {
    const settings = readSettings({
      minTasks: "3",
      maxTasks: "30",
      pointInTimeRecovery: "true",
      cpu: "4096",
    });
    expect(settings).toMatchObject({ minTasks: 3, maxTasks: 30, pointInTimeRecovery: true, cpu: 4096 });
  });
});

describe("cdk app entry", () => {
  it("`node bin/runscript.ts` synthesizes offline (no credentials, no Docker) into the output directory", () => {
    const outdir = mkdtempSync(join(tmpdir(), "runscript-cdk-"));
    try {
      const infraDir = resolve(import.meta.dirname, "..");
      const result = spawnSync(process.execPath, ["bin/runscript.ts"], {
        cwd: infraDir,
        env: {
          PATH: process.env.PATH ?? "",
          CDK_OUTDIR: outdir,
          CDK_CONTEXT_JSON: JSON.stringify({ stackName: "RunscriptEntryTest" }),
        },
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const templatePath = join(outdir, "RunscriptEntryTest.template.json");
      expect(existsSync(templatePath)).toBe(true);
      const synthesized = JSON.parse(readFileSync(templatePath, "utf8")) as {
        Resources: Record<string, CfnResource>;
      };
      expect(Object.values(synthesized.Resources).some((r) => r.Type === "AWS::ECS::Service")).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
    // A whole synth in a child process (CDK's template validation and cdk-nag included): about 10 s of
    // CPU, much longer in wall time on a loaded shared machine. A bound against hangs, not a speed check.
  }, 240_000);
});
