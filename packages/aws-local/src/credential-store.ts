/**
 * The credentials aws-local knows: one long-term "base" key pair (the host's own identity) and the
 * temporary session credentials that its STS has issued through AssumeRole.
 */
import { createHash, randomBytes } from "node:crypto";

/** A long-term access key pair, like an IAM user's. */
export interface BaseCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A session tag passed to AssumeRole (`Tags.member.N.Key/Value`). */
export interface SessionTag {
  key: string;
  value: string;
}

/** One AssumeRole grant: the temporary credentials and every parameter the caller passed. */
export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** When the credentials stop working (issue time + DurationSeconds). */
  expiration: Date;
  issuedAt: Date;
  roleArn: string;
  roleSessionName: string;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  assumedRoleArn: string;
  /** `AROA...:SESSION`. */
  assumedRoleId: string;
  durationSeconds: number;
  sourceIdentity: string | undefined;
  tags: SessionTag[];
  transitiveTagKeys: string[];
  /** The session policy JSON as sent, if any. */
  policy: string | undefined;
  /** Access key id of the credentials that called AssumeRole. */
  assumedBy: string;
}

/** What a signed request resolved to. */
export type ResolvedCredential =
  | { kind: "base"; accessKeyId: string; secretAccessKey: string }
  | { kind: "assumed"; accessKeyId: string; secretAccessKey: string; session: IssuedSession };

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Random AWS-looking key id: a 4-letter prefix and 16 upper-case base32 characters. */
export function randomKeyId(prefix: "AKIA" | "ASIA"): string {
  const bytes = randomBytes(16);
  let out = prefix;
  for (const b of bytes) out += KEY_ALPHABET[b % KEY_ALPHABET.length];
  return out;
}

/** A 40-character random secret access key. */
export function randomSecret(): string {
  return randomBytes(30).toString("base64").replace(/\+/g, "A").replace(/\//g, "B");
}

/** Stable 17-character id derived from `seed`, prefixed (e.g. `AROA`, `AIDA`). */
export function stableId(prefix: string, seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  let out = prefix;
  for (let i = 0; i < 17; i++) out += KEY_ALPHABET[digest[i]! % KEY_ALPHABET.length];
  return out;
}

/** Holds the base key pair and every issued session; looks credentials up by access key id. */
export class CredentialStore {
  readonly base: BaseCredentials;
  readonly #sessions = new Map<string, IssuedSession>();

  constructor(base: BaseCredentials) {
    this.base = base;
  }

  /** Finds the credential for an access key id, or `undefined` when it was never issued. */
  resolve(accessKeyId: string): ResolvedCredential | undefined {
    if (accessKeyId === this.base.accessKeyId) {
      return { kind: "base", accessKeyId, secretAccessKey: this.base.secretAccessKey };
    }
    const session = this.#sessions.get(accessKeyId);
    if (session === undefined) return undefined;
    return { kind: "assumed", accessKeyId, secretAccessKey: session.secretAccessKey, session };
  }

  /** Records a newly issued session. */
  add(session: IssuedSession): void {
    this.#sessions.set(session.accessKeyId, session);
  }

  /** All issued sessions, oldest first (copies). */
  list(): IssuedSession[] {
    return [...this.#sessions.values()].map((s) => ({
      ...s,
      tags: s.tags.map((t) => ({ ...t })),
      transitiveTagKeys: [...s.transitiveTagKeys],
    }));
  }

  /**
   * Makes issued sessions expire now: the one with `accessKeyId`, or all when omitted.
   * Returns how many were expired.
   */
  expire(accessKeyId?: string, now: Date = new Date()): number {
    let count = 0;
    for (const session of this.#sessions.values()) {
      if (accessKeyId === undefined || session.accessKeyId === accessKeyId) {
        session.expiration = new Date(now.getTime() - 1000);
        count++;
      }
    }
    return count;
  }
}
