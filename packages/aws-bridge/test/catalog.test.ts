import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { botocoreProvenance, botocoreService, botocoreServices } from "../src/botocore-data.js";
import { installedServices, resolveService, sdkPackageName, serviceByBoto3Name } from "../src/catalog.js";
import { AwsBridgeError } from "../src/errors.js";
import { loadServiceModule } from "../src/operations.js";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function errorOf(fn: () => unknown): AwsBridgeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsBridgeError) return err;
    throw err;
  }
  throw new Error("did not throw");
}

/** The audit surface the default install must cover (issue 11). */
const REQUIRED = [
  "s3",
  "ec2",
  "iam",
  "cloudwatch",
  "logs",
  "dynamodb",
  "sqs",
  "sns",
  "kms",
  "lambda",
  "cloudtrail",
  "secretsmanager",
  "ssm",
  "elbv2",
  "acm",
  "route53",
  "ecr",
  "eks",
  "autoscaling",
  "sts",
  "guardduty",
  "securityhub",
  "inspector2",
  "accessanalyzer",
  "cloudfront",
  "wafv2",
  "apigateway",
  "apigatewayv2",
  "efs",
  "elasticache",
  "redshift",
  "opensearch",
  "kinesis",
  "firehose",
  "glue",
  "athena",
  "backup",
  "sso-admin",
  "identitystore",
  "service-quotas",
  "ce",
  "resourcegroupstaggingapi",
  "events",
  "stepfunctions",
  "cognito-idp",
  "macie2",
  "health",
  "elb",
  "s3control",
  "rds",
  "ecs",
  "cloudformation",
  "config",
  "organizations",
];

describe("service catalog", () => {
  it("covers at least 60 services, including the audit surface, under boto3 names", () => {
    const names = installedServices().map((s) => s.name);
    expect(names.length).toBeGreaterThanOrEqual(60);
    for (const name of REQUIRED) expect(names, name).toContain(name);
  });

  it("lists every installed @aws-sdk/client-* package, named by SDK v3's package rule", () => {
    const scope = join(dirname(require.resolve("@aws-sdk/client-sts/package.json")), "..");
    const onDisk = readdirSync(scope).filter((d) => d.startsWith("client-"));
    const byPackage = new Map(installedServices().map((s) => [s.packageName, s]));
    for (const dir of onDisk) {
      const hasSchemas = readdirSync(join(scope, dir, "dist-es")).includes("schemas");
      if (!hasSchemas) continue; // pre-schema SDK packages (transitive deps) are not callable
      const entry = byPackage.get(`@aws-sdk/${dir}`);
      expect(entry, dir).toBeDefined();
      expect(sdkPackageName(entry!.serviceId)).toBe(`@aws-sdk/${dir}`);
    }
  });

  it("loads each client lazily, with commands and operation schemas", async () => {
    for (const service of installedServices()) {
      const mod = await loadServiceModule(service);
      expect(mod.commands.size, service.name).toBeGreaterThan(0);
      expect(mod.schemas.size, service.name).toBe(mod.commands.size);
      expect(mod.botocore, service.name).not.toBeNull();
    }
  }, 120_000);

  it("requires exact boto3 names for clients and names the npm package of a known, uninstalled service", () => {
    expect(serviceByBoto3Name("stepfunctions").packageName).toBe("@aws-sdk/client-sfn");
    expect(errorOf(() => serviceByBoto3Name("S3")).code).toBe("UnknownService");
    const bedrock = errorOf(() => resolveService("bedrock"));
    expect(bedrock.code).toBe("UnknownService");
    expect(bedrock.message).toContain("npm install @aws-sdk/client-bedrock");
    const typo = errorOf(() => resolveService("s3x"));
    expect(typo.message).toContain("'s3'");
    expect(typo.details?.known).toContain("s3");
  });
});

describe("botocore data", () => {
  it("covers every service botocore knows, with provenance", () => {
    expect(botocoreServices().size).toBeGreaterThanOrEqual(400);
    expect(botocoreProvenance().inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    const s3 = botocoreService("s3");
    expect(s3?.operations.ListObjectsV2?.[0]).toBe("list_objects_v2");
    expect(s3?.paginators.ListObjects).toMatchObject({ more_results: "IsTruncated" });
    expect(s3?.waiterNames.BucketExists).toBe("bucket_exists");
    expect(botocoreService("iam")?.errors.NoSuchEntityException).toBe("NoSuchEntity");
    // Query-compatible services: the modeled code; the wire's query code arrives in x-amzn-query-error.
    expect(botocoreService("sqs")?.errors.QueueDoesNotExist).toBe("QueueDoesNotExist");
    expect(botocoreService("../etc/passwd")).toBeNull();
    expect(botocoreService("__proto__")).toBeNull();
  });

  it("is what the generator derives from the installed botocore (fails on drift)", () => {
    const probe = spawnSync("python3", ["-c", "import botocore"], { encoding: "utf8" });
    if (probe.status !== 0) {
      // The data is committed; without botocore there is nothing to re-derive it from.
      console.warn("botocore is not installed: the drift check of data/botocore was not run");
      return;
    }
    const script = join(here, "..", "scripts", "generate-botocore-data.py");
    const out = execFileSync("python3", [script, "--check"], { encoding: "utf8" });
    expect(out).toContain("up to date");
    const index = JSON.parse(readFileSync(join(here, "..", "data", "botocore", "index.json"), "utf8"));
    const version = execFileSync("python3", ["-c", "import botocore;print(botocore.__version__)"], {
      encoding: "utf8",
    }).trim();
    expect(index.provenance.botocore).toBe(version);
  }, 120_000);
});
