/**
 * Credentials for each principal, held on the host only.
 *
 * - Base credentials come from the SDK's default provider chain (`fromNodeProviderChain`: env,
 *   shared config/SSO, web identity, container/instance metadata), or from a provider the host
 *   passes (tests, embedding).
 * - A principal with a `roleArn` gets an STS AssumeRole session made with the base credentials:
 *   `RoleSessionName` `runscript-<agent>` and `SourceIdentity` `<agent>` (both sanitized to
 *   `[\w+=,.@-]`, at most 64 characters), the session tag `runscript:agent=<agent>`, the principal's
 *   `ExternalId` and `DurationSeconds`, and, for read-only principals, the read-only session policy.
 *   The role's trust policy must allow `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity`.
 * - A principal without a `roleArn` uses the base credentials directly (it has every permission the
 *   host has; only the bridge's own policy narrows it).
 *
 * Sessions are cached per principal (its name, role, external ID, read-only flag and duration) and
 * shared by all of that principal's runs, so the run id is deliberately NOT a session tag (a tag per
 * run would mean one AssumeRole per run). Runs are tied to AWS activity through the audit log
 * (principal, run id, time, request id) and CloudTrail's source identity.
 *
 * A session is refreshed when it has less than `refreshBeforeMs` (5 minutes) left; concurrent
 * callers share one refresh (single flight). Credentials are never logged.
 */

import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { AGENT_TAG_KEY } from "@runscript/contracts";
import type { Logger } from "pino";
import type { PrincipalConfig } from "./config.js";
import { AwsBridgeError } from "./errors.js";
import { SILENT_SDK_LOGGER } from "./sdk-logger.js";
import { readOnlyPolicyArn, readOnlySessionPolicy } from "./session-policy.js";

/** AWS credentials (structurally the SDK's `AwsCredentialIdentity`). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly expiration?: Date | undefined;
}

/** Supplies credentials on demand (structurally the SDK's `AwsCredentialIdentityProvider`). */
export type CredentialsProvider = () => Promise<AwsCredentials>;

/** What the broker sends to STS AssumeRole. */
export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  SourceIdentity: string;
  Tags: { Key: string; Value: string }[];
  DurationSeconds: number;
  ExternalId?: string | undefined;
  Policy?: string | undefined;
  PolicyArns?: { arn: string }[] | undefined;
}

/** Performs AssumeRole and returns the session's credentials. */
export type AssumeRoleFn = (input: AssumeRoleInput) => Promise<AwsCredentials>;

/** The session tag that names the agent. */
export { AGENT_TAG_KEY };

/** Refresh a session when it has less than this left. */
export const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;

/** `RoleSessionName` for an agent: `runscript-<agent>` limited to `[\w+=,.@-]{2,64}`. */
export function roleSessionName(agent: string): string {
  return `runscript-${agent}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/** `SourceIdentity` for an agent: the name limited to `[\w+=,.@-]{2,64}`. */
export function sourceIdentity(agent: string): string {
  return agent
    .replace(/[^\w+=,.@-]/g, "-")
    .slice(0, 64)
    .padEnd(2, "-");
}

/** A session tag value: letters, digits, spaces and `_.:/=+-@`, at most 256 characters. */
export function tagValue(value: string): string {
  return value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "-").slice(0, 256);
}

/** The cache key of a principal's session: everything that changes what AssumeRole is asked. */
export function principalKey(p: PrincipalConfig): string {
  return JSON.stringify([
    p.name,
    p.roleArn ?? null,
    p.externalId ?? null,
    p.readOnly,
    p.sessionDurationSeconds,
  ]);
}

/** Options of {@link stsAssumeRole}. */
export interface StsAssumeRoleOptions {
  baseCredentials: CredentialsProvider;
  region: string;
  /** STS endpoint override (operator config `endpoints.sts`). */
  endpoint?: string | undefined;
  maxAttempts?: number | undefined;
}

/** An AssumeRole function backed by a real STS client (closed with `destroy`). */
export function stsAssumeRole(opts: StsAssumeRoleOptions): { assumeRole: AssumeRoleFn; destroy(): void } {
  const client = new STSClient({
    region: opts.region,
    credentials: opts.baseCredentials,
    maxAttempts: opts.maxAttempts ?? 3,
    logger: SILENT_SDK_LOGGER,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  });
  return {
    async assumeRole(input) {
      const out = await client.send(new AssumeRoleCommand(input));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new AwsBridgeError("CredentialsUnavailable", "STS AssumeRole returned no credentials");
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    },
    destroy: () => client.destroy(),
  };
}

/** Options of {@link CredentialBroker}. */
export interface CredentialBrokerOptions {
  /** Base credentials; default: the SDK's default provider chain. */
  baseCredentials?: CredentialsProvider | undefined;
  /** How sessions are made; default: STS AssumeRole (see `sts`) with the base credentials. */
  assumeRole?: AssumeRoleFn | undefined;
  /** The STS client used when `assumeRole` is not given. */
  sts?: Omit<StsAssumeRoleOptions, "baseCredentials"> | undefined;
  logger: Logger;
  refreshBeforeMs?: number | undefined;
  /** Clock (milliseconds since the epoch); tests move it. */
  now?: (() => number) | undefined;
}

interface Entry {
  creds: AwsCredentials | null;
  inflight: Promise<AwsCredentials> | null;
}

/** Caches and refreshes each principal's credentials. */
export class CredentialBroker {
  readonly #assumeRole: AssumeRoleFn;
  readonly #destroy: () => void;
  readonly #base: CredentialsProvider;
  readonly #logger: Logger;
  readonly #refreshBeforeMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #providers = new Map<string, CredentialsProvider>();
  #lastBase: AwsCredentials | null = null;

  constructor(opts: CredentialBrokerOptions) {
    const base = opts.baseCredentials ?? fromNodeProviderChain();
    this.#base = async () => {
      const creds = await base();
      this.#lastBase = creds;
      return creds;
    };
    if (opts.assumeRole) {
      this.#assumeRole = opts.assumeRole;
      this.#destroy = () => {};
    } else {
      const sts = stsAssumeRole({ region: "us-east-1", ...opts.sts, baseCredentials: this.#base });
      this.#assumeRole = sts.assumeRole;
      this.#destroy = sts.destroy;
    }
    this.#logger = opts.logger;
    this.#refreshBeforeMs = opts.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
    this.#now = opts.now ?? Date.now;
  }

  /** A stable provider for a principal, suitable as an SDK client's `credentials`. */
  providerFor(principal: PrincipalConfig): CredentialsProvider {
    if (!principal.roleArn) return this.#base;
    const key = principalKey(principal);
    let provider = this.#providers.get(key);
    if (!provider) {
      provider = () => this.credentialsFor(principal);
      this.#providers.set(key, provider);
    }
    return provider;
  }

  /** The principal's current credentials, assuming its role when there is no fresh session. */
  async credentialsFor(principal: PrincipalConfig): Promise<AwsCredentials> {
    if (!principal.roleArn) return this.#base();
    const roleArn = principal.roleArn;
    const key = principalKey(principal);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { creds: null, inflight: null };
      this.#entries.set(key, entry);
    }
    if (entry.creds && !this.#needsRefresh(entry.creds)) return entry.creds;
    if (entry.inflight) return entry.inflight;
    const current = entry;
    const previous = entry.creds;
    const inflight = this.#assume(principal, roleArn)
      .then((creds) => {
        current.creds = creds;
        return creds;
      })
      .catch((err: unknown) => {
        // A failed refresh keeps using a session that has not expired yet.
        if (previous?.expiration && previous.expiration.getTime() > this.#now() + 10_000) return previous;
        throw err;
      })
      .finally(() => {
        current.inflight = null;
      });
    current.inflight = inflight;
    return inflight;
  }

  /** Replaces any credential value the host knows of in `text` (defense in depth for messages). */
  redact(text: string): string {
    let out = text.replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, "[redacted]");
    const known = [this.#lastBase, ...[...this.#entries.values()].map((e) => e.creds)];
    for (const c of known) {
      if (!c) continue;
      for (const secret of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) {
        if (secret && secret.length >= 8) out = out.split(secret).join("[redacted]");
      }
    }
    return out;
  }

  /** Forgets every cached session and closes the STS client. */
  close(): void {
    this.#entries.clear();
    this.#providers.clear();
    this.#destroy();
  }

  #needsRefresh(creds: AwsCredentials): boolean {
    if (!creds.expiration) return false;
    return creds.expiration.getTime() - this.#now() < this.#refreshBeforeMs;
  }

  async #assume(principal: PrincipalConfig, roleArn: string): Promise<AwsCredentials> {
    const input: AssumeRoleInput = {
      RoleArn: roleArn,
      RoleSessionName: roleSessionName(principal.name),
      SourceIdentity: sourceIdentity(principal.name),
      Tags: [{ Key: AGENT_TAG_KEY, Value: tagValue(principal.name) }],
      DurationSeconds: principal.sessionDurationSeconds,
      ...(principal.externalId ? { ExternalId: principal.externalId } : {}),
      ...(principal.readOnly
        ? {
            Policy: readOnlySessionPolicy(principal.allowSensitiveReads),
            PolicyArns: [{ arn: readOnlyPolicyArn(roleArn) }],
          }
        : {}),
    };
    try {
      const creds = await this.#assumeRole(input);
      this.#logger.info(
        {
          event: "aws_assume_role",
          principal: principal.name,
          roleArn,
          expiration: creds.expiration?.toISOString() ?? null,
        },
        "assumed role for principal",
      );
      return creds;
    } catch (err) {
      const code = err instanceof Error ? err.name : "Error";
      this.#logger.warn(
        { event: "aws_assume_role_failed", principal: principal.name, roleArn, errorCode: code },
        "AssumeRole failed",
      );
      throw new AwsBridgeError(
        "CredentialsUnavailable",
        `could not assume role ${roleArn} for principal '${principal.name}' (${code}); see the host log`,
        { cause: err },
      );
    }
  }
}
