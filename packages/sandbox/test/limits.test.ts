import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, LimitPolicySchema, resolveLimits } from "../src/index.js";

describe("limit policy", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      timeoutMs: 30_000,
      memoryBytes: 256 * 1048576,
      maxOutputBytes: 1048576,
      maxResultBytes: 1048576,
    });
  });

  it("fills what a caller leaves out and refuses what is above the maximum", () => {
    const policy = LimitPolicySchema.parse({});
    expect(resolveLimits(policy, { timeoutMs: 5000 })).toEqual({
      ok: true,
      limits: { ...DEFAULT_LIMITS, timeoutMs: 5000 },
    });
    expect(resolveLimits(policy, { timeoutMs: 10 ** 9 })).toMatchObject({ ok: false, field: "timeoutMs" });
  });

  it("rejects a default above its maximum, naming the key", () => {
    const r = LimitPolicySchema.safeParse({ defaults: { ...DEFAULT_LIMITS, timeoutMs: 600_000 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["defaults", "timeoutMs"]);
  });
});
