/**
 * Small queries over a synthesized CloudFormation template, for the infra tests.
 */
import type { Template } from "aws-cdk-lib/assertions";

/** A CloudFormation resource as found in the template JSON. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** An IAM policy statement as found in the template JSON. */
export interface CfnStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Resources of one type, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The actions of a statement as a list. */
export function actionsOf(statement: CfnStatement): string[] {
  const action = statement.Action ?? [];
  return Array.isArray(action) ? action : [action];
}

/**
 * The wildcard actions among Allow statements: `*`, `service:*`, or any action containing `*`
 * (e.g. `s3:Get*`), plus any `NotAction` (an Allow with NotAction is a wildcard in disguise).
 */
export function wildcardActions(statements: readonly CfnStatement[]): string[] {
  const found: string[] = [];
  for (const statement of statements) {
    if (statement.Effect !== "Allow") continue;
    if (statement.NotAction !== undefined) found.push(`NotAction in ${statement.Sid ?? "statement"}`);
    for (const action of actionsOf(statement)) if (action.includes("*")) found.push(action);
  }
  return found;
}

/**
 * Every statement of the identity policies attached to a role (inline `AWS::IAM::Policy` resources,
 * the role's own inline `Policies`, and customer managed policies created in the template).
 */
export function roleStatements(template: Template, roleLogicalId: string): CfnStatement[] {
  const refersToRole = (roles: unknown): boolean =>
    Array.isArray(roles) &&
    roles.some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleLogicalId }));
  const statements: CfnStatement[] = [];
  const documentStatements = (document: unknown): CfnStatement[] =>
    ((document as { Statement?: CfnStatement[] } | undefined)?.Statement ?? []) as CfnStatement[];
  for (const policy of Object.values(resourcesOfType(template, "AWS::IAM::Policy"))) {
    if (refersToRole(policy.Properties?.Roles))
      statements.push(...documentStatements(policy.Properties?.PolicyDocument));
  }
  for (const policy of Object.values(resourcesOfType(template, "AWS::IAM::ManagedPolicy"))) {
    if (refersToRole(policy.Properties?.Roles))
      statements.push(...documentStatements(policy.Properties?.PolicyDocument));
  }
  const role = resourcesOfType(template, "AWS::IAM::Role")[roleLogicalId];
  if (role === undefined) throw new Error(`no role ${roleLogicalId} in the template`);
  const inline = (role.Properties?.Policies ?? []) as { PolicyDocument: unknown }[];
  for (const policy of inline) statements.push(...documentStatements(policy.PolicyDocument));
  return statements;
}

/** The logical id a `{ "Fn::GetAtt": [id, "Arn"] }` or `{ Ref: id }` token points to. */
export function logicalIdOf(token: unknown): string {
  const value = token as { Ref?: string; "Fn::GetAtt"?: [string, string] };
  const id = value.Ref ?? value["Fn::GetAtt"]?.[0];
  if (id === undefined) throw new Error(`not a Ref/GetAtt: ${JSON.stringify(token)}`);
  return id;
}
