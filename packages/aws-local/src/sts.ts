/**
 * STS over the AWS Query protocol: `AssumeRole` and `GetCallerIdentity`, with response XML shaped
 * exactly like real STS so that @aws-sdk/client-sts parses it.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import {
  type CredentialStore,
  type IssuedSession,
  type ResolvedCredential,
  randomKeyId,
  randomSecret,
  stableId,
} from "./credential-store.js";
import { AwsServiceError } from "./errors.js";
import { xmlElement, xmlText } from "./xml.js";

/** XML namespace of STS responses. */
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** Longest session a role chain (AssumeRole called with assumed-role credentials) may request. */
export const ROLE_CHAINING_MAX_SECONDS = 3600;

const NAME_RE = /^[\w+=,.@-]{2,64}$/;

/** AssumeRole parameters, after the flat Query names (`Tags.member.1.Key`) were gathered. */
export const AssumeRoleParamsSchema = z.object({
  RoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "RoleArn is not a valid IAM role ARN"),
  RoleSessionName: z.string().regex(NAME_RE, "RoleSessionName must match [\\w+=,.@-]{2,64}"),
  DurationSeconds: z.coerce.number().int().min(900).max(43_200).default(3600),
  Policy: z.string().min(1).max(2048).optional(),
  SourceIdentity: z.string().regex(NAME_RE, "SourceIdentity must match [\\w+=,.@-]{2,64}").optional(),
  ExternalId: z.string().min(2).max(1224).optional(),
  Tags: z
    .array(z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) }))
    .max(50)
    .default([]),
  TransitiveTagKeys: z.array(z.string().min(1).max(128)).max(50).default([]),
});

/** Parsed AssumeRole parameters. */
export type AssumeRoleParams = z.infer<typeof AssumeRoleParamsSchema>;

/** What the STS handler needs to know about this aws-local instance. */
export interface StsContext {
  accountId: string;
  store: CredentialStore;
  /** When set, only these role ARNs may be assumed; others get `AccessDenied`. */
  assumableRoles: ReadonlySet<string> | undefined;
}

/** Collects `Prefix.member.N[.Field]` parameters into an ordered list. */
function memberList(params: URLSearchParams, prefix: string): Array<Map<string, string>> {
  const byIndex = new Map<number, Map<string, string>>();
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.member\\.(\\d+)(?:\\.(\\w+))?$`);
  for (const [key, value] of params) {
    const m = re.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const entry = byIndex.get(index) ?? new Map<string, string>();
    entry.set(m[2] ?? "", value);
    byIndex.set(index, entry);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

function optional(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined;
}

/** Turns the flat Query parameters into the shape {@link AssumeRoleParamsSchema} validates. */
export function parseAssumeRoleParams(params: URLSearchParams): AssumeRoleParams {
  const raw = {
    RoleArn: params.get("RoleArn") ?? undefined,
    RoleSessionName: params.get("RoleSessionName") ?? undefined,
    DurationSeconds: optional(params, "DurationSeconds"),
    Policy: optional(params, "Policy"),
    SourceIdentity: optional(params, "SourceIdentity"),
    ExternalId: optional(params, "ExternalId"),
    Tags: memberList(params, "Tags").map((m) => ({ Key: m.get("Key"), Value: m.get("Value") })),
    TransitiveTagKeys: memberList(params, "TransitiveTagKeys").map((m) => m.get("")),
  };
  const parsed = AssumeRoleParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") ?? "request";
    throw new AwsServiceError(400, "ValidationError", `${where}: ${issue?.message ?? "invalid value"}`);
  }
  return parsed.data;
}

/** ARN of the caller, as GetCallerIdentity reports it. */
export function callerArn(caller: ResolvedCredential, accountId: string): string {
  return caller.kind === "assumed"
    ? caller.session.assumedRoleArn
    : `arn:aws:iam::${accountId}:user/runscript-local`;
}

function callerUserId(caller: ResolvedCredential, accountId: string): string {
  return caller.kind === "assumed" ? caller.session.assumedRoleId : stableId("AIDA", `${accountId}:user`);
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function assumeRole(params: URLSearchParams, caller: ResolvedCredential, ctx: StsContext): string {
  const p = parseAssumeRoleParams(params);
  if (ctx.assumableRoles !== undefined && !ctx.assumableRoles.has(p.RoleArn)) {
    throw new AwsServiceError(
      403,
      "AccessDenied",
      `User: ${callerArn(caller, ctx.accountId)} is not authorized to perform: sts:AssumeRole on resource: ${p.RoleArn}`,
    );
  }
  if (caller.kind === "assumed" && p.DurationSeconds > ROLE_CHAINING_MAX_SECONDS) {
    throw new AwsServiceError(
      400,
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (p.Policy !== undefined) {
    try {
      JSON.parse(p.Policy);
    } catch {
      throw new AwsServiceError(400, "MalformedPolicyDocument", "The policy is not valid JSON");
    }
  }
  const roleAccount = p.RoleArn.split(":")[4]!;
  const roleName = p.RoleArn.slice(p.RoleArn.lastIndexOf("/") + 1);
  const roleId = stableId("AROA", p.RoleArn);
  const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const sourceIdentity =
    p.SourceIdentity ?? (caller.kind === "assumed" ? caller.session.sourceIdentity : undefined);
  const session: IssuedSession = {
    accessKeyId: randomKeyId("ASIA"),
    secretAccessKey: randomSecret(),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(192).toString("base64")}`,
    issuedAt,
    expiration: new Date(issuedAt.getTime() + p.DurationSeconds * 1000),
    roleArn: p.RoleArn,
    roleSessionName: p.RoleSessionName,
    assumedRoleArn: `arn:aws:sts::${roleAccount}:assumed-role/${roleName}/${p.RoleSessionName}`,
    assumedRoleId: `${roleId}:${p.RoleSessionName}`,
    durationSeconds: p.DurationSeconds,
    sourceIdentity,
    tags: p.Tags.map((t) => ({ key: t.Key, value: t.Value })),
    transitiveTagKeys: p.TransitiveTagKeys,
    policy: p.Policy,
    assumedBy: caller.accessKeyId,
  };
  ctx.store.add(session);

  const packedSize =
    p.Policy !== undefined || p.Tags.length > 0
      ? xmlText("PackedPolicySize", Math.max(1, Math.ceil(((p.Policy?.length ?? 0) / 2048) * 100)))
      : "";
  return (
    xmlElement(
      "Credentials",
      xmlText("AccessKeyId", session.accessKeyId) +
        xmlText("SecretAccessKey", session.secretAccessKey) +
        xmlText("SessionToken", session.sessionToken) +
        xmlText("Expiration", isoSeconds(session.expiration)),
    ) +
    xmlElement(
      "AssumedRoleUser",
      xmlText("AssumedRoleId", session.assumedRoleId) + xmlText("Arn", session.assumedRoleArn),
    ) +
    packedSize +
    (sourceIdentity !== undefined ? xmlText("SourceIdentity", sourceIdentity) : "")
  );
}

function getCallerIdentity(caller: ResolvedCredential, ctx: StsContext): string {
  const account = caller.kind === "assumed" ? caller.session.roleArn.split(":")[4]! : ctx.accountId;
  return (
    xmlText("UserId", callerUserId(caller, ctx.accountId)) +
    xmlText("Account", account) +
    xmlText("Arn", callerArn(caller, ctx.accountId))
  );
}

type StsHandler = (params: URLSearchParams, caller: ResolvedCredential, ctx: StsContext) => string;

/** The STS actions aws-local serves. */
const STS_ACTIONS: ReadonlyMap<string, StsHandler> = new Map<string, StsHandler>([
  ["AssumeRole", assumeRole],
  ["GetCallerIdentity", (_params, caller, ctx) => getCallerIdentity(caller, ctx)],
]);

/**
 * Runs an STS action and returns the inner XML of its `<ActionResult>` element.
 * Throws `InvalidAction` (400) for actions aws-local does not serve.
 */
export function runStsAction(
  action: string,
  params: URLSearchParams,
  caller: ResolvedCredential,
  ctx: StsContext,
): string {
  const handler = STS_ACTIONS.get(action);
  if (handler === undefined) {
    throw new AwsServiceError(
      400,
      "InvalidAction",
      `Could not find operation ${action} for version ${params.get("Version") ?? "2011-06-15"}`,
    );
  }
  return handler(params, caller, ctx);
}

/** Wraps an action result in the Query response envelope with its request id. */
export function queryResponse(
  action: string,
  resultXml: string,
  requestId: string,
  namespace: string,
): string {
  return (
    `<${action}Response xmlns="${namespace}">` +
    `<${action}Result>${resultXml}</${action}Result>` +
    `<ResponseMetadata>${xmlText("RequestId", requestId)}</ResponseMetadata>` +
    `</${action}Response>`
  );
}
