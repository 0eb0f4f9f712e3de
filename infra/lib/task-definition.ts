/**
 * The Fargate task: the runscript server container, hardened, plus a one-shot init container that
 * writes the config from Secrets Manager to a file.
 *
 * Hardening of both containers: read-only root filesystem, user 1000 (not root), every Linux capability
 * dropped and none added, no privileged mode (Fargate has none). Writable places are two task volumes:
 * `/tmp` (scratch) and `/etc/runscript` (the config file; read-only in the server container).
 *
 * The config YAML (with hashed principal tokens) is a Secrets Manager secret. Only the init container
 * receives it, as an environment variable, and writes it to `/etc/runscript/config.yaml` (mode 0400);
 * the server container starts after the init container exited 0, and its environment holds no secret.
 *
 * The sandbox's `unshare -n` network namespace needs CAP_SYS_ADMIN, which Fargate never grants: there
 * the network layer is the isolate having no network API at all plus the security group (HTTPS out
 * only). The Node permission model and the isolated-vm isolates apply unchanged.
 */
import { DEFAULT_PORT, HEALTH_PATH } from "@runscript/contracts";
import { Duration } from "aws-cdk-lib";
import * as ecs from "aws-cdk-lib/aws-ecs";
import type * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./compliance-checks.ts";
import { serviceImage } from "./service-image.ts";

/** Port the server listens on (the server's default `listen.port`). */
export const SERVICE_PORT = DEFAULT_PORT;

/** Non-root user (and group) of both containers; the Dockerfile creates it. */
export const SERVICE_USER = "1000:1000";

/** Path of the config file inside the containers. */
export const CONFIG_PATH = "/etc/runscript/config.yaml";

/** Name of the server container. */
export const SERVER_CONTAINER = "runscript";

/** Name of the config init container. */
export const CONFIG_CONTAINER = "config-writer";

const WRITE_CONFIG = [
  "const yaml = process.env.RUNSCRIPT_CONFIG_YAML;",
  "if (!yaml) { console.error('RUNSCRIPT_CONFIG_YAML is empty'); process.exit(1); }",
  `require('node:fs').writeFileSync(${JSON.stringify(CONFIG_PATH)}, yaml, { mode: 0o400 });`,
].join(" ");

const HEALTH_PROBE = `fetch('http://127.0.0.1:${SERVICE_PORT}${HEALTH_PATH}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;

/** Properties of {@link ServiceTaskDefinition}. */
export interface ServiceTaskDefinitionProps {
  /** The task role (the host's AWS identity). */
  readonly taskRole: iam.IRole;
  /** Secret whose string is the server's config YAML. */
  readonly configSecret: secretsmanager.ISecret;
  /** Prebuilt image URI, or `undefined` to build the repo Dockerfile as an asset. */
  readonly imageUri: string | undefined;
  /** CPU units. */
  readonly cpu: number;
  /** Memory in MiB. */
  readonly memoryMiB: number;
  /** Log retention in days. */
  readonly logRetentionDays: number;
}

function hardenedLinuxParameters(scope: Construct, id: string): ecs.LinuxParameters {
  // The init process reaps the server's exited sandbox children and forwards SIGTERM.
  const params = new ecs.LinuxParameters(scope, id, { initProcessEnabled: true });
  params.dropCapabilities(ecs.Capability.ALL);
  return params;
}

/** The task definition with the server container and its config init container. */
export class ServiceTaskDefinition extends Construct {
  /** The Fargate task definition. */
  readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The server container. */
  readonly server: ecs.ContainerDefinition;
  /** The log group of both containers. */
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceTaskDefinitionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: props.logRetentionDays as logs.RetentionDays,
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      taskRole: props.taskRole,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      // Empty task-scoped volumes; the Dockerfile declares both paths as VOLUMEs so ECS copies the
      // image's ownership and modes (1777 for /tmp, user 1000 for /etc/runscript).
      volumes: [{ name: "tmp" }, { name: "config" }],
    });
    this.taskDefinition = taskDefinition;
    const { image, pullStatements, pullsFromEcr } = serviceImage(this, props.imageUri);
    for (const statement of pullStatements) taskDefinition.addToExecutionRolePolicy(statement);

    const configWriter = taskDefinition.addContainer(CONFIG_CONTAINER, {
      image,
      essential: false,
      user: SERVICE_USER,
      readonlyRootFilesystem: true,
      linuxParameters: hardenedLinuxParameters(this, "ConfigWriterLinux"),
      entryPoint: ["node", "-e"],
      command: [WRITE_CONFIG],
      secrets: { RUNSCRIPT_CONFIG_YAML: ecs.Secret.fromSecretsManager(props.configSecret) },
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: CONFIG_CONTAINER }),
    });
    configWriter.addMountPoints({ sourceVolume: "config", containerPath: "/etc/runscript", readOnly: false });

    this.server = taskDefinition.addContainer(SERVER_CONTAINER, {
      image,
      essential: true,
      user: SERVICE_USER,
      readonlyRootFilesystem: true,
      privileged: false,
      linuxParameters: hardenedLinuxParameters(this, "ServerLinux"),
      command: ["node", "packages/cli/dist/main.js", "serve", "--config", CONFIG_PATH],
      // No `environment`: the image sets NODE_ENV=production, and the only sensitive value (the
      // config) reaches the init container from Secrets Manager through `secrets`.
      portMappings: [{ containerPort: SERVICE_PORT, protocol: ecs.Protocol.TCP }],
      healthCheck: {
        command: ["CMD", "node", "-e", HEALTH_PROBE],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      // Fargate's maximum: time between SIGTERM and SIGKILL, for the server's graceful drain. The
      // load balancer's deregistration delay (longer) has already drained requests by then.
      stopTimeout: Duration.seconds(120),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: SERVER_CONTAINER }),
    });
    this.server.addMountPoints(
      { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
      { sourceVolume: "config", containerPath: "/etc/runscript", readOnly: true },
    );
    this.server.addContainerDependencies({
      container: configWriter,
      condition: ecs.ContainerDependencyCondition.SUCCESS,
    });

    if (pullsFromEcr) {
      const executionRolePolicy = taskDefinition.obtainExecutionRole().node.tryFindChild("DefaultPolicy");
      if (executionRolePolicy === undefined) throw new Error("the execution role has no default policy");
      acknowledgeFindings(executionRolePolicy, {
        finding: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "ecr:GetAuthorizationToken has no resource-level permissions (its resource must be *); it only issues a registry login token. The pull actions are limited to the image's repository (for the default asset image, the CDK bootstrap container-assets repository), and the other statements name the log group and the config secret.",
      });
    }
  }
}
