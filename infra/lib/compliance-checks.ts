/**
 * The cdk-nag gate: the AWS Solutions rule pack over the whole app, and the acknowledgements of the
 * findings the design needs.
 *
 * An acknowledgement is recorded on ONE CloudFormation resource (never on a stack or a subtree), names
 * one finding exactly as cdk-nag reports it (`AwsSolutions-IAM5[Resource::*]`, so a different wildcard
 * on the same resource is still reported), and carries the reason a reviewer reads. The reasons live
 * in the code next to the resource they excuse; docs/deploy.md lists them, generated from the
 * synthesized app (`npm run acknowledgements -w infra`), and a test keeps the two equal.
 */
import { type App, CfnResource, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";

/** One accepted cdk-nag finding and why the design needs it. */
export interface NagAcknowledgement {
  /** The finding as cdk-nag reports it: a rule id, with the finding in brackets for rules that have several. */
  readonly finding: string;
  /** Why this resource needs the flagged shape: what a security reviewer would accept. */
  readonly reason: string;
}

/** An acknowledgement as recorded in the construct tree. */
export interface RecordedAcknowledgement extends NagAcknowledgement {
  /** Construct path of the resource it is recorded on (e.g. `Runscript/Service/Cluster/Resource`). */
  readonly path: string;
}

/** The CloudFormation resource of `scope`: itself, or the L2 construct's default child. */
function cfnResourceOf(scope: IConstruct): CfnResource {
  if (CfnResource.isCfnResource(scope)) return scope;
  const child = scope.node.defaultChild;
  if (child !== undefined && CfnResource.isCfnResource(child)) return child;
  throw new Error(
    `cannot acknowledge a cdk-nag finding on ${scope.node.path}: it is not one CloudFormation resource (pass the resource or an L2 construct that wraps exactly one)`,
  );
}

/**
 * Acknowledges cdk-nag findings on one resource (an L2 construct is resolved to its CloudFormation
 * resource, so the acknowledgement does not spread to its children, such as a role's default policy).
 *
 * @example
 * ```ts
 * acknowledgeFindings(boundary, {
 *   finding: "AwsSolutions-IAM5[Action::*]",
 *   reason: "A permissions boundary caps; it must allow everything it does not deny.",
 * });
 * ```
 */
export function acknowledgeFindings(scope: IConstruct, ...acknowledgements: NagAcknowledgement[]): void {
  const resource = cfnResourceOf(scope);
  for (const { finding, reason } of acknowledgements) {
    Validations.of(resource).acknowledge({ id: finding, reason });
  }
}

/** Registers cdk-nag's AWS Solutions pack on the app: every synth runs it, and an unacknowledged error stops it. */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/**
 * CDK records an id without a plugin prefix under the annotation namespace; those are the ids cdk-nag
 * matches its findings against. Ids of other namespaces (CDK's own acknowledgements of its built-in
 * CloudFormation validation, `CloudFormation-Validate::...`) are not cdk-nag's.
 */
const NAG_ACKNOWLEDGEMENT_ID = /^annotation::(.+)$/i;

/** Every cdk-nag acknowledgement recorded under `root`, in construct-tree order. */
export function listAcknowledgements(root: IConstruct): RecordedAcknowledgement[] {
  const found: RecordedAcknowledgement[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        const finding = NAG_ACKNOWLEDGEMENT_ID.exec(id)?.[1];
        if (finding !== undefined) found.push({ path: construct.node.path, finding, reason });
      }
    }
  }
  return found;
}
