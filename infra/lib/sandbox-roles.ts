/**
 * Sandbox roles: the identities scripts act as. The host assumes them with STS AssumeRole
 * (`@runscript/aws-bridge`, credentials.ts), setting `SourceIdentity` to the agent's name and the
 * session tag `runscript:agent`, so CloudTrail attributes every call to an agent.
 *
 * Each role:
 * - trusts ONLY the service's task role, for `sts:AssumeRole`, `sts:SetSourceIdentity` and
 *   `sts:TagSession` together, and only when a source identity and the `runscript:agent` tag are
 *   present; no tag keys other than `runscript:agent` and `runscript:run-id` are accepted. The run id
 *   tag is allowed but not required: the bridge caches one session per principal and shares it across
 *   that principal's runs, so it does not send a per-run tag (runs are tied to AWS activity through the
 *   audit log and CloudTrail's source identity);
 * - carries the sandbox permissions boundary;
 * - lives under the IAM path `/runscript/sandbox/` with a predictable name (`<stack>-<id>`).
 *
 * The task role gets the three STS actions on exactly these roles, nothing wider.
 */
import { AGENT_TAG_KEY, RUN_ID_TAG_KEY } from "@runscript/contracts";
import { Aws, Duration } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { acknowledgeFindings, type NagAcknowledgement } from "./compliance-checks.ts";
import { InfraContextError, type ReadOnlyPolicyName } from "./context.ts";

/** IAM path of every sandbox role. */
export const SANDBOX_ROLE_PATH = "/runscript/sandbox/";

/** Session tag naming the agent (principal) a run belongs to (the bridge sets it: one owner). */
export const AGENT_TAG = AGENT_TAG_KEY;

/** Session tag naming the run (accepted, not required; see the file comment). */
export const RUN_ID_TAG = RUN_ID_TAG_KEY;

/** The STS actions the task role needs on a sandbox role, and that the trust policy allows. */
export const SANDBOX_ASSUME_ACTIONS = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"] as const;

/**
 * The trust relationship of a sandbox role: one statement allowing {@link SANDBOX_ASSUME_ACTIONS} to
 * the task role, conditioned on `SourceIdentity` and the runscript session tags.
 */
export class SandboxTrustPrincipal extends iam.ArnPrincipal {
  override addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    document.addStatements(
      new iam.PolicyStatement({
        sid: "RunscriptHostOnlyWithIdentityAndTags",
        actions: [...SANDBOX_ASSUME_ACTIONS],
        principals: [new iam.ArnPrincipal(this.arn)],
        conditions: {
          StringLike: { "sts:SourceIdentity": "?*", [`aws:RequestTag/${AGENT_TAG}`]: "?*" },
          Null: { "sts:SourceIdentity": "false", [`aws:RequestTag/${AGENT_TAG}`]: "false" },
          "ForAllValues:StringEquals": { "aws:TagKeys": [AGENT_TAG, RUN_ID_TAG] },
        },
      }),
    );
  }
}

/** What a sandbox role may do (its identity policy); the boundary still applies on top. */
export interface SandboxRoleOptions {
  /** Shown in IAM. */
  readonly description: string;
  /** AWS managed policies to attach. */
  readonly managedPolicies?: readonly iam.IManagedPolicy[];
  /** Inline statements. */
  readonly statements?: readonly iam.PolicyStatement[];
  /**
   * cdk-nag findings that `statements` need, with the reason, recorded on the role's inline policy
   * only (e.g. `AwsSolutions-IAM5[Resource::*]` for an action without resource-level permissions).
   */
  readonly acknowledgements?: readonly NagAcknowledgement[];
}

/** Properties of {@link SandboxRoles}. */
export interface SandboxRolesProps {
  /** The service's task role: the only principal that may assume the sandbox roles. */
  readonly taskRole: iam.IRole;
  /** Permissions boundary applied to every sandbox role. */
  readonly boundary: iam.IManagedPolicy;
  /** Managed policy of the built-in read-only role. */
  readonly readOnlyPolicy: ReadOnlyPolicyName;
  /**
   * Prefix of the role names (`<prefix>-<id>`), so role ARNs are known before deploying and can be
   * written into the server config: `arn:aws:iam::<account>:role/runscript/sandbox/<prefix>-<id>`.
   */
  readonly namePrefix: string;
}

/** The sandbox roles, plus the task role's permission to assume exactly them. */
export class SandboxRoles extends Construct {
  /** Read-only role (AWS managed `ReadOnlyAccess` or `SecurityAudit`). */
  readonly readOnlyRole: iam.Role;
  private readonly props: SandboxRolesProps;
  private readonly roleList: iam.Role[] = [];

  constructor(scope: Construct, id: string, props: SandboxRolesProps) {
    super(scope, id);
    this.props = props;
    this.readOnlyRole = this.addRole("ReadOnly", {
      description: `runscript sandbox: read-only (${props.readOnlyPolicy})`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(props.readOnlyPolicy)],
    });
    acknowledgeFindings(this.readOnlyRole, {
      finding: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${props.readOnlyPolicy}]`,
      reason: `The read-only sandbox role exists so agents can inspect the account, which is what the AWS managed ${props.readOnlyPolicy} policy grants; AWS keeps it current as services and actions launch, which a copied customer policy would not. It grants no writes (ReadOnlyAccess does include data reads such as s3:GetObject), the permissions boundary still denies runscript's own resources, and context readOnlyPolicy=SecurityAudit switches to metadata-only reads.`,
    });
  }

  /** Every sandbox role created so far. */
  get roles(): readonly iam.Role[] {
    return this.roleList;
  }

  /**
   * Adds a sandbox role with the runscript trust policy and boundary, and lets the task role assume it.
   *
   * @example
   * ```ts
   * sandboxRoles.addRole("ReportsReader", {
   *   description: "runscript sandbox: read s3://reports/2025/",
   *   ...s3PrefixReadGrant("reports", "2025/"),
   * });
   * ```
   */
  addRole(id: string, options: SandboxRoleOptions): iam.Role {
    const roleName = `${this.props.namePrefix}-${id}`;
    if (!/^[\w+=,.@-]{1,64}$/.test(roleName)) {
      throw new InfraContextError(
        "stackName",
        `sandbox role name ${JSON.stringify(roleName)} is not a valid IAM role name`,
      );
    }
    const role = new iam.Role(this, id, {
      roleName,
      description: options.description,
      path: SANDBOX_ROLE_PATH,
      assumedBy: new SandboxTrustPrincipal(this.props.taskRole.roleArn),
      permissionsBoundary: this.props.boundary,
      managedPolicies: [...(options.managedPolicies ?? [])],
      // Role chaining (task role -> sandbox role) caps sessions at one hour anyway.
      maxSessionDuration: Duration.hours(1),
    });
    for (const statement of options.statements ?? []) role.addToPrincipalPolicy(statement);
    if (options.acknowledgements !== undefined && options.acknowledgements.length > 0) {
      const inlinePolicy = role.node.tryFindChild("DefaultPolicy");
      if (inlinePolicy === undefined) {
        throw new Error(`sandbox role ${id}: acknowledgements need statements to apply to`);
      }
      acknowledgeFindings(inlinePolicy, ...options.acknowledgements);
    }
    this.props.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: `AssumeSandboxRole${id.replace(/[^A-Za-z0-9]/g, "")}`,
        actions: [...SANDBOX_ASSUME_ACTIONS],
        resources: [role.roleArn],
      }),
    );
    this.roleList.push(role);
    return role;
  }
}

/**
 * What a sandbox role needs to read the objects under one prefix of one bucket: the statements of
 * {@link s3PrefixReadStatements} and the acknowledgement of the `prefix*` object wildcard they use.
 *
 * @example
 * ```ts
 * sandboxRoles.addRole("ReportsReader", {
 *   description: "runscript sandbox: read s3://reports/2025/",
 *   ...s3PrefixReadGrant("reports", "2025/"),
 * });
 * ```
 */
export function s3PrefixReadGrant(
  bucket: string,
  prefix: string,
): Required<Pick<SandboxRoleOptions, "statements" | "acknowledgements">> {
  return {
    statements: s3PrefixReadStatements(bucket, prefix),
    acknowledgements: [
      {
        finding: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket}/${prefix}*]`,
        reason: `The role reads the objects under s3://${bucket}/${prefix}; object keys under a prefix can only be named by a trailing wildcard, so ${prefix}* is the scope itself, not a widening. Listing is limited to the same prefix by the s3:prefix condition.`,
      },
    ],
  };
}

/**
 * Statements allowing reads of objects under one prefix of one bucket (and listing that prefix only).
 */
export function s3PrefixReadStatements(bucket: string, prefix: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: "ReadObjectsUnderPrefix",
      actions: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging"],
      resources: [`arn:${Aws.PARTITION}:s3:::${bucket}/${prefix}*`],
    }),
    new iam.PolicyStatement({
      sid: "ListOnlyThePrefix",
      actions: ["s3:ListBucket"],
      resources: [`arn:${Aws.PARTITION}:s3:::${bucket}`],
      conditions: { StringLike: { "s3:prefix": [`${prefix}*`] } },
    }),
  ];
}
