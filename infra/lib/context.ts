/**
 * Deployment settings read from CDK context (`cdk.json`, `cdk.context.json` or `-c key=value`).
 *
 * Every setting has a default so `cdk synth` works offline with no account, no credentials and no
 * Docker. Values given with `-c` arrive as strings; this module parses them once, here, and refuses a
 * bad value with an {@link InfraContextError} naming the key.
 *
 * (The rest of the repository parses external input with zod; the infra workspace does not declare
 * zod as a dependency, so the context is checked by the small typed readers below.)
 */
import type { Node } from "constructs";

/** Stable error codes of the infra app. */
export type InfraErrorCode = "INVALID_CONTEXT";

/** A context value that is missing where required, of the wrong type, or out of range. */
export class InfraContextError extends Error {
  /** Stable code for callers and tests to branch on. */
  readonly code: InfraErrorCode = "INVALID_CONTEXT";
  /** The context key that was refused. */
  readonly key: string;

  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super(`context "${key}": ${message}`, options);
    this.name = "InfraContextError";
    this.key = key;
  }
}

/** How tasks reach AWS APIs: a NAT gateway, or interface VPC endpoints only (no route to the internet). */
export type EgressMode = "nat" | "endpoints";

/** Which AWS managed policy the read-only sandbox role gets. */
export type ReadOnlyPolicyName = "ReadOnlyAccess" | "SecurityAudit";

/** CloudWatch Container Insights on the ECS cluster (`enhanced` adds per-container metrics, at a cost). */
export type ContainerInsightsMode = "enabled" | "enhanced" | "disabled";

/** Every deployment setting of the runscript stack, after parsing and defaults. */
export interface RunscriptSettings {
  /** AWS account to pin the stack to; `undefined` synthesizes an environment-agnostic stack. */
  readonly account: string | undefined;
  /** AWS region to pin the stack to; `undefined` synthesizes an environment-agnostic stack. */
  readonly region: string | undefined;
  /** CloudFormation stack name. */
  readonly stackName: string;
  /** Prebuilt image URI (e.g. an ECR image by digest); `undefined` builds the repo Dockerfile as a CDK asset. */
  readonly imageUri: string | undefined;
  /** ACM certificate ARN for the HTTPS listener. The default is a placeholder that only synthesizes. */
  readonly certificateArn: string;
  /** Name of the existing Secrets Manager secret holding the server's config YAML. */
  readonly configSecretName: string;
  /** Complete ARN of that secret (with its 6-character suffix); preferred over the name when set. */
  readonly configSecretArn: string | undefined;
  /** CIDR ranges allowed to reach the load balancer on 80/443. */
  readonly allowedIngressCidrs: readonly string[];
  /** Egress design (cost and isolation trade-off, see docs/deploy.md). */
  readonly egress: EgressMode;
  /** NAT gateways when `egress` is `nat` (1 is cheapest; 2 survives an AZ outage). */
  readonly natGateways: number;
  /** Task count at deploy time and the autoscaling floor. */
  readonly minTasks: number;
  /** Autoscaling ceiling. */
  readonly maxTasks: number;
  /** Fargate task CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** Fargate task memory in MiB. */
  readonly memoryMiB: number;
  /** Target average CPU utilization (%) for the CPU scaling policy. */
  readonly cpuTargetPercent: number;
  /** Target average `QueueDepth` (queued runs per task) for the queue scaling policy. */
  readonly queueDepthTarget: number;
  /** The server's maximum script timeout in seconds; drain and idle timeouts are derived from it. */
  readonly maxScriptTimeoutSeconds: number;
  /** CloudWatch Logs retention in days. */
  readonly logRetentionDays: number;
  /** Policy of the read-only sandbox role. */
  readonly readOnlyPolicy: ReadOnlyPolicyName;
  /** Bucket the example scoped sandbox role may read. */
  readonly exampleBucket: string;
  /** Key prefix inside `exampleBucket` the example scoped role may read. */
  readonly examplePrefix: string;
  /** Point-in-time recovery on the task table (35 days of restore points; on by default). */
  readonly pointInTimeRecovery: boolean;
  /** VPC flow logs (all traffic) to the log bucket. */
  readonly vpcFlowLogs: boolean;
  /** Load balancer access logs to the log bucket. */
  readonly accessLogs: boolean;
  /** Days the log bucket keeps load balancer access logs, flow logs and its own server access logs. */
  readonly logBucketRetentionDays: number;
  /** CloudWatch Container Insights on the cluster. */
  readonly containerInsights: ContainerInsightsMode;
  /**
   * Run cdk-nag's AWS Solutions checks on every synth (`cdk synth`, `cdk deploy`): an unacknowledged
   * error stops the synth. Acknowledged findings and their reasons are listed in docs/deploy.md.
   */
  readonly complianceChecks: boolean;
  /** Optional e-mail address subscribed to the alarm topic. */
  readonly alarmEmail: string | undefined;
  /** Alarm: SystemError / Invocation above this percentage. */
  readonly systemErrorRatePercent: number;
  /** Alarm: Throttle / Invocation above this percentage. */
  readonly throttleRatePercent: number;
  /** Alarm: p99 RunDuration above this many milliseconds. */
  readonly p99DurationMs: number;
  /** Alarm: more policy denials than this in 5 minutes. */
  readonly policyDenialsPer5Min: number;
}

/** Defaults used when a context key is absent. */
export const DEFAULT_SETTINGS: RunscriptSettings = {
  account: undefined,
  region: undefined,
  stackName: "Runscript",
  imageUri: undefined,
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
  configSecretName: "runscript/config",
  configSecretArn: undefined,
  allowedIngressCidrs: ["0.0.0.0/0"],
  egress: "nat",
  natGateways: 1,
  minTasks: 2,
  maxTasks: 10,
  cpu: 2048,
  memoryMiB: 4096,
  cpuTargetPercent: 60,
  queueDepthTarget: 2,
  maxScriptTimeoutSeconds: 300,
  logRetentionDays: 30,
  readOnlyPolicy: "ReadOnlyAccess",
  exampleBucket: "example-reports-bucket",
  examplePrefix: "reports/",
  pointInTimeRecovery: true,
  vpcFlowLogs: true,
  accessLogs: true,
  logBucketRetentionDays: 90,
  containerInsights: "enabled",
  complianceChecks: true,
  alarmEmail: undefined,
  systemErrorRatePercent: 5,
  throttleRatePercent: 10,
  p99DurationMs: 60_000,
  policyDenialsPer5Min: 20,
};

/** Source of raw context values: a construct node, or a plain record (tests). */
export type ContextSource = Pick<Node, "tryGetContext"> | Readonly<Record<string, unknown>>;

function lookup(source: ContextSource, key: string): unknown {
  if (typeof source.tryGetContext === "function") {
    return (source as Pick<Node, "tryGetContext">).tryGetContext(key);
  }
  return (source as Readonly<Record<string, unknown>>)[key];
}

function readString(source: ContextSource, key: string, fallback: string): string {
  const value = lookup(source, key);
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.trim() === "") {
    throw new InfraContextError(key, "expected a non-empty string");
  }
  return value.trim();
}

function readOptionalString(source: ContextSource, key: string): string | undefined {
  const value = lookup(source, key);
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw new InfraContextError(key, "expected a string");
  return value.trim();
}

function readInt(source: ContextSource, key: string, fallback: number, min: number, max: number): number {
  const value = lookup(source, key);
  if (value === undefined) return fallback;
  const parsed = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new InfraContextError(
      key,
      `expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return parsed;
}

function readBool(source: ContextSource, key: string, fallback: boolean): boolean {
  const value = lookup(source, key);
  if (value === undefined) return fallback;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new InfraContextError(key, `expected true or false, got ${JSON.stringify(value)}`);
}

function readChoice<T extends string>(
  source: ContextSource,
  key: string,
  fallback: T,
  choices: readonly T[],
): T {
  const value = lookup(source, key);
  if (value === undefined) return fallback;
  const match = choices.find((choice) => choice === value);
  if (match === undefined) {
    throw new InfraContextError(key, `expected one of ${choices.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return match;
}

/** Fargate CPU sizes (the matching memory ranges are checked by ECS at deploy time). */
const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

function readCpu(source: ContextSource, fallback: number): number {
  const cpu = readInt(source, "cpu", fallback, 256, 16384);
  if (!FARGATE_CPU.some((size) => size === cpu)) {
    throw new InfraContextError("cpu", `expected one of ${FARGATE_CPU.join(", ")}, got ${cpu}`);
  }
  return cpu;
}

/** Retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

function readRetention(source: ContextSource, fallback: number): number {
  const days = readInt(source, "logRetentionDays", fallback, 1, 3653);
  if (!LOG_RETENTION_DAYS.some((allowed) => allowed === days)) {
    throw new InfraContextError("logRetentionDays", `expected one of ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  return days;
}

function readStackName(source: ContextSource, fallback: string): string {
  const name = readString(source, "stackName", fallback);
  // Also the prefix of the sandbox role names and the table name, hence 40 characters at most.
  if (!/^[A-Za-z][A-Za-z0-9-]{0,39}$/.test(name)) {
    throw new InfraContextError(
      "stackName",
      "expected a letter then letters, digits or '-', 40 characters at most",
    );
  }
  return name;
}

function readSecretArn(source: ContextSource): string | undefined {
  const arn = readOptionalString(source, "configSecretArn");
  if (
    arn !== undefined &&
    !/^arn:[\w-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/.test(arn)
  ) {
    throw new InfraContextError("configSecretArn", "expected the complete secret ARN (ending in -XXXXXX)");
  }
  return arn;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function readCidrs(source: ContextSource, key: string, fallback: readonly string[]): readonly string[] {
  const value = lookup(source, key);
  if (value === undefined) return fallback;
  const list = typeof value === "string" ? value.split(",").map((item) => item.trim()) : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InfraContextError(
      key,
      "expected a non-empty list of IPv4 CIDRs (comma-separated string or array)",
    );
  }
  return list.map((item: unknown) => {
    const match = typeof item === "string" ? CIDR.exec(item) : null;
    const octets = match?.slice(1, 5).map(Number) ?? [];
    if (!match || octets.some((octet) => octet > 255) || Number(match[5]) > 32) {
      throw new InfraContextError(key, `not an IPv4 CIDR: ${JSON.stringify(item)}`);
    }
    return match[0];
  });
}

/**
 * Reads and validates every deployment setting.
 *
 * @throws {InfraContextError} when a value is present but invalid.
 * @example
 * ```ts
 * const settings = readSettings(app.node); // app = new App()
 * const custom = readSettings({ egress: "endpoints", maxTasks: "20" });
 * ```
 */
export function readSettings(source: ContextSource): RunscriptSettings {
  const d = DEFAULT_SETTINGS;
  const minTasks = readInt(source, "minTasks", d.minTasks, 1, 1000);
  const maxTasks = readInt(source, "maxTasks", d.maxTasks, 1, 1000);
  if (maxTasks < minTasks) throw new InfraContextError("maxTasks", `must be >= minTasks (${minTasks})`);
  const certificateArn = readString(source, "certificateArn", d.certificateArn);
  if (!certificateArn.startsWith("arn:")) throw new InfraContextError("certificateArn", "expected an ARN");
  return {
    account: readOptionalString(source, "account"),
    region: readOptionalString(source, "region"),
    stackName: readStackName(source, d.stackName),
    imageUri: readOptionalString(source, "imageUri"),
    certificateArn,
    configSecretName: readString(source, "configSecretName", d.configSecretName),
    configSecretArn: readSecretArn(source),
    allowedIngressCidrs: readCidrs(source, "allowedIngressCidrs", d.allowedIngressCidrs),
    egress: readChoice(source, "egress", d.egress, ["nat", "endpoints"]),
    natGateways: readInt(source, "natGateways", d.natGateways, 1, 2),
    minTasks,
    maxTasks,
    cpu: readCpu(source, d.cpu),
    memoryMiB: readInt(source, "memoryMiB", d.memoryMiB, 512, 122_880),
    cpuTargetPercent: readInt(source, "cpuTargetPercent", d.cpuTargetPercent, 10, 95),
    queueDepthTarget: readInt(source, "queueDepthTarget", d.queueDepthTarget, 1, 1000),
    maxScriptTimeoutSeconds: readInt(source, "maxScriptTimeoutSeconds", d.maxScriptTimeoutSeconds, 1, 3000),
    logRetentionDays: readRetention(source, d.logRetentionDays),
    readOnlyPolicy: readChoice(source, "readOnlyPolicy", d.readOnlyPolicy, [
      "ReadOnlyAccess",
      "SecurityAudit",
    ]),
    exampleBucket: readString(source, "exampleBucket", d.exampleBucket),
    examplePrefix: readString(source, "examplePrefix", d.examplePrefix),
    pointInTimeRecovery: readBool(source, "pointInTimeRecovery", d.pointInTimeRecovery),
    vpcFlowLogs: readBool(source, "vpcFlowLogs", d.vpcFlowLogs),
    accessLogs: readBool(source, "accessLogs", d.accessLogs),
    logBucketRetentionDays: readInt(source, "logBucketRetentionDays", d.logBucketRetentionDays, 1, 3650),
    containerInsights: readChoice(source, "containerInsights", d.containerInsights, [
      "enabled",
      "enhanced",
      "disabled",
    ]),
    complianceChecks: readBool(source, "complianceChecks", d.complianceChecks),
    alarmEmail: readOptionalString(source, "alarmEmail"),
    systemErrorRatePercent: readInt(source, "systemErrorRatePercent", d.systemErrorRatePercent, 1, 100),
    throttleRatePercent: readInt(source, "throttleRatePercent", d.throttleRatePercent, 1, 100),
    p99DurationMs: readInt(source, "p99DurationMs", d.p99DurationMs, 100, 3_000_000),
    policyDenialsPer5Min: readInt(source, "policyDenialsPer5Min", d.policyDenialsPer5Min, 1, 1_000_000),
  };
}
