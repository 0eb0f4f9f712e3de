/**
 * The permissions boundary of every sandbox role. A boundary only subtracts: a session gets what both
 * the role's own policies AND the boundary allow. So the boundary allows everything and then denies
 * what no script may ever do, whatever a role's policies say by mistake: identity and account
 * administration, assuming further roles, blinding the audit trail, and touching runscript's own
 * resources (its config secret, task table and logs).
 */
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./compliance-checks.ts";

/** Actions a sandbox session may never perform. */
export const SANDBOX_DENIED_ACTIONS = [
  "iam:*",
  "organizations:*",
  "account:*",
  "sso:*",
  "sso-directory:*",
  "identitystore:*",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
  "sts:SetSourceIdentity",
  "sts:TagSession",
  "cloudtrail:DeleteTrail",
  "cloudtrail:StopLogging",
  "cloudtrail:UpdateTrail",
  "cloudtrail:PutEventSelectors",
  "config:DeleteConfigurationRecorder",
  "config:DeleteDeliveryChannel",
  "config:StopConfigurationRecorder",
  "guardduty:DeleteDetector",
  "guardduty:UpdateDetector",
  "guardduty:DisassociateFromMasterAccount",
  "kms:ScheduleKeyDeletion",
  "kms:DisableKey",
  "kms:PutKeyPolicy",
  "s3:PutAccountPublicAccessBlock",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketAcl",
] as const;

/** Properties of {@link SandboxPermissionsBoundary}. */
export interface SandboxPermissionsBoundaryProps {
  /** ARNs of runscript's own resources that no sandbox session may touch (any action). */
  readonly protectedResourceArns: readonly string[];
}

/** Managed policy used as the permissions boundary of every sandbox role. */
export class SandboxPermissionsBoundary extends Construct {
  /** The managed policy. */
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SandboxPermissionsBoundaryProps) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, "Policy", {
      description: "runscript sandbox roles: the most a script session can ever do",
      statements: [
        new iam.PolicyStatement({
          // A boundary caps, it never grants: the role's own policies still decide what is allowed.
          sid: "CapAtWhatTheRolePoliciesAllow",
          effect: iam.Effect.ALLOW,
          actions: ["*"],
          resources: ["*"],
        }),
        new iam.PolicyStatement({
          sid: "DenyAdministrationEscalationAndAuditTampering",
          effect: iam.Effect.DENY,
          actions: [...SANDBOX_DENIED_ACTIONS],
          resources: ["*"],
        }),
        new iam.PolicyStatement({
          sid: "DenyRunscriptOwnResources",
          effect: iam.Effect.DENY,
          actions: ["*"],
          resources: [...props.protectedResourceArns],
        }),
      ],
    });
    const boundaryReason =
      "This managed policy is a permissions boundary, not a grant: a session gets only what both the role's own policies and the boundary allow, so the boundary allows everything (*) and subtracts with explicit denies (administration, escalation, audit tampering, runscript's own resources). Narrowing its Allow would silently cap every sandbox role, including ones added later.";
    acknowledgeFindings(
      this.policy,
      { finding: "AwsSolutions-IAM5[Action::*]", reason: boundaryReason },
      { finding: "AwsSolutions-IAM5[Resource::*]", reason: boundaryReason },
    );
  }
}
