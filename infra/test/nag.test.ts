import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type App, CfnResource } from "aws-cdk-lib";
import * as sns from "aws-cdk-lib/aws-sns";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import {
  currentAcknowledgementSection,
  documentedAcknowledgements,
  renderAcknowledgementSection,
  SECURE_DEFAULTS_OFF,
} from "../lib/acknowledgement-table.ts";
import { createRunscriptApp, listAcknowledgements, type RecordedAcknowledgement } from "../lib/index.ts";

const ECR_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/runscript:1.2.3";

/** One cdk-nag finding on one resource. */
interface Finding {
  readonly severity: string;
  readonly finding: string;
  readonly path: string;
}

/** The app as `cdk synth` builds it (its cdk-nag plugin off: these tests run the pack themselves). */
function synthesized(context: Record<string, string>): App {
  const { app } = createRunscriptApp({
    context: { ...context, complianceChecks: "false" },
    // CDK's own template validation is covered by `npm run synth`; it costs seconds per app.
    builtinCloudFormationValidation: false,
  });
  app.synth();
  return app;
}

/**
 * The AWS Solutions findings: errors AND warnings. With `ignoreAcknowledgements`, what the pack reports
 * when nothing is acknowledged. cdk-nag has no switch for that, so this replaces its private check on
 * this one instance; if cdk-nag renamed it, nothing would be hidden any more and "every acknowledgement
 * matches a finding" would fail rather than pass silently.
 */
function nagFindings(app: App, options: { ignoreAcknowledgements?: boolean } = {}): Finding[] {
  const pack = new AwsSolutionsChecks();
  if (options.ignoreAcknowledgements === true) {
    Object.defineProperty(pack, "isAcknowledged", { value: () => false });
  }
  return pack.validateScope(app).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      severity: violation.severity ?? "unknown",
      finding: violation.ruleName,
      path: resource.constructPath ?? "(no construct path)",
    })),
  );
}

const key = (item: { path: string; finding: string }) => `${item.finding} at ${item.path}`;

const VARIANTS: Record<string, Record<string, string>> = {
  "default settings": {},
  "pinned account/region, endpoints egress, ECR image, SecurityAudit, narrowed ingress, enhanced insights": {
    account: "123456789012",
    region: "eu-west-1",
    egress: "endpoints",
    imageUri: ECR_IMAGE,
    readOnlyPolicy: "SecurityAudit",
    allowedIngressCidrs: "10.0.0.0/8,192.168.0.0/16",
    containerInsights: "enhanced",
  },
  "every secure default turned off, image from a public registry": {
    ...SECURE_DEFAULTS_OFF,
    imageUri: "public.ecr.aws/example/runscript:1.2.3",
  },
};

describe.each(Object.entries(VARIANTS))("cdk-nag AwsSolutions, %s", (_name, context) => {
  const app = synthesized(context);
  const acknowledgements = listAcknowledgements(app);

  it("reports no unacknowledged error or warning", () => {
    expect(nagFindings(app).map((f) => `${f.severity} ${key(f)}`)).toEqual([]);
  });

  it("every acknowledgement sits on one CloudFormation resource, names one finding and gives a reason", () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const acknowledgement of acknowledgements) {
      const construct = app.node.findAll().find((c) => c.node.path === acknowledgement.path);
      expect(construct && CfnResource.isCfnResource(construct), acknowledgement.path).toBe(true);
      expect(acknowledgement.finding).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(acknowledgement.reason.length, key(acknowledgement)).toBeGreaterThanOrEqual(100);
    }
  });

  it("every acknowledgement matches a finding on its resource (none is stale)", () => {
    const raw = new Set(nagFindings(app, { ignoreAcknowledgements: true }).map(key));
    expect(acknowledgements.map(key).filter((k) => !raw.has(k))).toEqual([]);
  });
});

describe("cdk-nag acknowledgements", () => {
  it("turning a secure default off acknowledges its finding with a reason that names the setting", () => {
    const { optOuts } = documentedAcknowledgements();
    const byFinding = new Map(optOuts.map((a) => [a.finding, a.reason]));
    const expected: [string, string][] = [
      ["AwsSolutions-VPC7", "vpcFlowLogs=false"],
      ["AwsSolutions-ELB2", "accessLogs=false"],
      ["AwsSolutions-DDB3", "pointInTimeRecovery=false"],
      ["AwsSolutions-ECS4", "containerInsights=disabled"],
    ];
    expect([...byFinding.keys()].sort()).toEqual(expected.map(([finding]) => finding).sort());
    for (const [finding, setting] of expected) expect(byFinding.get(finding)).toContain(setting);
  });

  it("an acknowledged wildcard hides nothing else: each acknowledged IAM5 Resource::* policy has only the expected * actions", () => {
    const { stack } = createRunscriptApp({ builtinCloudFormationValidation: false });
    const app = stack.node.root as App;
    app.synth();
    const expected: Record<string, string[]> = {
      "Runscript/TaskRole/PublishMetrics/Resource": ["cloudwatch:PutMetricData"],
      "Runscript/Service/TaskDefinition/Task/ExecutionRole/DefaultPolicy/Resource": [
        "ecr:GetAuthorizationToken",
      ],
    };
    const wildcardResourceAcks = listAcknowledgements(app).filter(
      (a) => a.finding === "AwsSolutions-IAM5[Resource::*]" && !a.path.includes("SandboxBoundary"),
    );
    expect(wildcardResourceAcks.map((a) => a.path).sort()).toEqual(Object.keys(expected).sort());
    for (const acknowledgement of wildcardResourceAcks) {
      const resource = app.node.findAll().find((c) => c.node.path === acknowledgement.path) as CfnResource;
      const document = stack.resolve((resource as unknown as { policyDocument: unknown }).policyDocument) as {
        Statement: { Action: string | string[]; Resource: unknown }[];
      };
      const starActions = document.Statement.filter((s) => [s.Resource].flat().includes("*")).flatMap((s) =>
        [s.Action].flat(),
      );
      expect(starActions, acknowledgement.path).toEqual(expected[acknowledgement.path]);
    }
  });

  it("docs/deploy.md lists exactly the acknowledgements in the code (regenerate: npm run acknowledgements -w infra)", () => {
    const { defaults, optOuts } = documentedAcknowledgements();
    const doc = readFileSync(resolve(import.meta.dirname, "..", "..", "docs", "deploy.md"), "utf8");
    expect(currentAcknowledgementSection(doc)).toBe(renderAcknowledgementSection(defaults, optOuts));
  });

  it("the app's synth stops on an unacknowledged finding, naming the rule and the resource", () => {
    const { app, stack } = createRunscriptApp({ builtinCloudFormationValidation: false });
    new sns.Topic(stack, "PlainTopic"); // no TLS-only policy: AwsSolutions-SNS3
    expect(() => app.synth()).toThrow(/PlainTopic[\s\S]*AwsSolutions-SNS3/);
  });

  it("without acknowledgements the default app has the findings the design needs, and no others", () => {
    const app = synthesized({});
    const raw = nagFindings(app, { ignoreAcknowledgements: true });
    const acknowledged: RecordedAcknowledgement[] = listAcknowledgements(app);
    expect(raw.map(key).sort()).toEqual(acknowledged.map(key).sort());
  });
});
