/**
 * One owner per contract in the server's config: a principal is the bridge's `PrincipalConfigSchema`
 * extended with what only the server needs (token, quotas), so the bridge's rules hold at start
 * (regression: a typo'd roleArn loaded, the server started, and every run_script answered "internal
 * error") and every bridge option is configurable.
 */
import { PrincipalConfigSchema } from "@runscript/aws-bridge";
import { describe, expect, it } from "vitest";
import { parseConfig, principalConfig } from "../src/index.js";

const token = "a-development-token-0123456789";

describe("principals in the server config", () => {
  it("refuses a roleArn the bridge would refuse, naming the key path", () => {
    const typo = { principals: [{ name: "agent", token, roleArn: "arn:aws:iam::12:role/typo" }] };
    expect(() => parseConfig(typo)).toThrow(/principals\.0\.roleArn/);
    expect(() => parseConfig(typo)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
    expect(() => parseConfig({ localPrincipal: { roleArn: "arn:aws:iam::12:role/typo" } })).toThrow(
      /localPrincipal\.roleArn/,
    );
    expect(() => parseConfig({ principals: [{ name: "agent", token, externalId: "x" }] })).toThrow(
      /principals\.0\.externalId/,
    );
  });

  it("accepts every option of the bridge's principal and hands it to the bridge unchanged", () => {
    const bridgeOnly = {
      roleArn: "arn:aws:iam::123456789012:role/agent",
      externalId: "ext-123",
      readOnly: true,
      allow: ["s3:Get*"],
      deny: ["s3:GetObject"],
      allowCredentialOperations: ["sts:GetSessionToken"],
      allowSensitiveReads: ["lambda:GetFunction"],
      sessionDurationSeconds: 1800,
    };
    expect(Object.keys(bridgeOnly).sort()).toEqual(
      Object.keys(PrincipalConfigSchema.shape)
        .filter((k) => k !== "name")
        .sort(),
    );
    const config = parseConfig({ principals: [{ name: "agent", token, ...bridgeOnly }] });
    const principal = config.principals[0];
    if (!principal) throw new Error("no principal");
    expect(PrincipalConfigSchema.parse(principalConfig(principal))).toEqual({ name: "agent", ...bridgeOnly });
  });

  it("makes configured principals read-only unless the operator says otherwise", () => {
    const config = parseConfig({ principals: [{ name: "agent", token }] });
    expect(config.principals[0]?.readOnly).toBe(true);
    expect(config.localPrincipal.readOnly).toBe(true);
  });
});
