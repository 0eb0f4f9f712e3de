import pino from "pino";
import { describe, expect, it } from "vitest";
import { PrincipalConfigSchema } from "../src/config.js";
import {
  type AssumeRoleInput,
  type AwsCredentials,
  CredentialBroker,
  roleSessionName,
  sourceIdentity,
  tagValue,
} from "../src/credentials.js";
import { AwsBridgeError } from "../src/errors.js";

const ROLE = "arn:aws:iam::123456789012:role/agent-role";
const logger = pino({ level: "silent" });

function setup(opts: { fail?: boolean; ttlMs?: number } = {}) {
  let now = 1_000_000;
  const inputs: AssumeRoleInput[] = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const broker = new CredentialBroker({
    logger,
    now: () => now,
    baseCredentials: async () => ({
      accessKeyId: "AKIABASEBASEBASE0001",
      secretAccessKey: "base-secret-value",
    }),
    assumeRole: async (input): Promise<AwsCredentials> => {
      inputs.push(input);
      if (gate) await gate;
      if (opts.fail) throw Object.assign(new Error("User is not authorized"), { name: "AccessDenied" });
      return {
        accessKeyId: `ASIASESSION${String(inputs.length).padStart(9, "0")}`,
        secretAccessKey: `session-secret-${inputs.length}`,
        sessionToken: `session-token-value-${inputs.length}`,
        expiration: new Date(now + (opts.ttlMs ?? 3_600_000)),
      };
    },
  });
  return {
    broker,
    inputs,
    advance: (ms: number) => {
      now += ms;
    },
    hold: () => {
      gate = new Promise<void>((r) => {
        release = r;
      });
    },
    release: () => {
      gate = null;
      release?.();
    },
  };
}

const principal = (over: object = {}) =>
  PrincipalConfigSchema.parse({ name: "triage-bot", roleArn: ROLE, ...over });

describe("credential broker", () => {
  it("assumes the role with session name, source identity, agent tag and duration", async () => {
    const { broker, inputs } = setup();
    const creds = await broker.credentialsFor(
      principal({ externalId: "ext-123", sessionDurationSeconds: 1800 }),
    );
    expect(creds.accessKeyId).toBe("ASIASESSION000000001");
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toEqual({
      RoleArn: ROLE,
      RoleSessionName: "runscript-triage-bot",
      SourceIdentity: "triage-bot",
      Tags: [{ Key: "runscript:agent", Value: "triage-bot" }],
      DurationSeconds: 1800,
      ExternalId: "ext-123",
    });
  });

  it("adds the read-only session policy for read-only principals", async () => {
    const { broker, inputs } = setup();
    await broker.credentialsFor(principal({ readOnly: true }));
    expect(inputs[0]?.PolicyArns).toEqual([{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }]);
    expect(JSON.parse(inputs[0]?.Policy ?? "{}").Statement[0]).toMatchObject({ Effect: "Deny" });
  });

  it("caches per principal and shares one AssumeRole between concurrent callers", async () => {
    const t = setup();
    t.hold();
    const p = principal();
    const all = Promise.all([
      t.broker.credentialsFor(p),
      t.broker.credentialsFor(p),
      t.broker.credentialsFor(p),
    ]);
    t.release();
    const results = await all;
    expect(t.inputs).toHaveLength(1);
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    await t.broker.credentialsFor(principal());
    expect(t.inputs).toHaveLength(1);
    await t.broker.credentialsFor(principal({ name: "other-bot" }));
    expect(t.inputs).toHaveLength(2);
  });

  it("refreshes about 5 minutes before expiry", async () => {
    const t = setup({ ttlMs: 3_600_000 });
    const p = principal();
    await t.broker.credentialsFor(p);
    t.advance(3_600_000 - 6 * 60_000);
    expect((await t.broker.credentialsFor(p)).accessKeyId).toBe("ASIASESSION000000001");
    t.advance(2 * 60_000);
    expect((await t.broker.credentialsFor(p)).accessKeyId).toBe("ASIASESSION000000002");
    expect(t.inputs).toHaveLength(2);
  });

  it("uses base credentials for principals without a role", async () => {
    const t = setup();
    const creds = await t.broker.providerFor(PrincipalConfigSchema.parse({ name: "plain" }))();
    expect(creds.accessKeyId).toBe("AKIABASEBASEBASE0001");
    expect(t.inputs).toHaveLength(0);
  });

  it("reports AssumeRole failures as CredentialsUnavailable without secrets", async () => {
    const t = setup({ fail: true });
    await expect(t.broker.credentialsFor(principal())).rejects.toSatisfy(
      (err) =>
        err instanceof AwsBridgeError &&
        err.code === "CredentialsUnavailable" &&
        /AccessDenied/.test(err.message),
    );
  });

  it("redacts known credential values and key ids from text", async () => {
    const t = setup();
    const c = await t.broker.credentialsFor(principal());
    await t.broker.providerFor(PrincipalConfigSchema.parse({ name: "plain" }))();
    const text = `key ${c.accessKeyId} secret ${c.secretAccessKey} token ${c.sessionToken} base base-secret-value AKIAABCDEFGHIJKLMNOP`;
    const out = t.broker.redact(text);
    for (const s of [
      c.accessKeyId,
      c.secretAccessKey,
      c.sessionToken ?? "x",
      "base-secret-value",
      "AKIAABCDEFGHIJKLMNOP",
    ]) {
      expect(out).not.toContain(s);
    }
  });
});

describe("session naming", () => {
  it("sanitizes names to [\\w+=,.@-] and 64 characters", () => {
    expect(roleSessionName("bad name/with:chars")).toBe("runscript-bad-name-with-chars");
    expect(roleSessionName("x".repeat(100))).toHaveLength(64);
    expect(sourceIdentity("a")).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(sourceIdentity("aws:root")).not.toMatch(/^aws:/);
    expect(tagValue("ok name_1:/=+-@")).toBe("ok name_1:/=+-@");
    expect(tagValue("semi;colon")).toBe("semi-colon");
  });
});
