import { afterEach, describe, expect, it } from "vitest";
import { AwsBridgeError } from "../src/errors.js";
import { decodeParams, MAX_PARAM_DEPTH } from "../src/validate.js";

function code(params: unknown): string | null {
  try {
    decodeParams(params);
    return null;
  } catch (err) {
    return err instanceof AwsBridgeError ? err.code : "other";
  }
}

const probe = (): unknown => ({}) as Record<string, unknown>;

describe("hostile params", () => {
  afterEach(() => {
    // Nothing may leak onto Object.prototype across tests.
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
  });

  it("refuses __proto__, constructor and prototype keys at any depth, and pollutes nothing", () => {
    const payloads = [
      '{"__proto__": {"polluted": 1}}',
      '{"a": {"__proto__": {"polluted": 1}}}',
      '{"a": [{"b": {"__proto__": {"polluted": 1}}}]}',
      '{"constructor": {"prototype": {"polluted": 1}}}',
      '{"Item": {"x": {"M": {"constructor": {"prototype": {"polluted": {"S": "1"}}}}}}}',
      '{"prototype": {"polluted": 1}}',
    ];
    for (const text of payloads) {
      expect(code(JSON.parse(text)), text).toBe("InvalidParameterValue");
      expect((probe() as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("builds fresh plain objects that share nothing with the input", () => {
    const input = JSON.parse('{"Bucket": "b", "Tags": [{"Key": "k", "Value": "v"}], "Meta": {"a": "1"}}');
    const out = decodeParams(input) as { Tags: object[]; Meta: object };
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(out.Meta).not.toBe(input.Meta);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("bounds nesting depth", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < MAX_PARAM_DEPTH + 1; i++) deep = { a: deep };
    expect(code(deep)).toBe("InvalidParameterValue");
    let ok: unknown = "leaf";
    for (let i = 0; i < MAX_PARAM_DEPTH - 1; i++) ok = { a: ok };
    expect(code(ok)).toBeNull();
    let arrays: unknown = 1;
    for (let i = 0; i < 100; i++) arrays = [arrays];
    expect(code(arrays)).toBe("InvalidParameterValue");
  });

  it("refuses non-object params", () => {
    expect(code([1, 2])).toBe("InvalidParameterValue");
    expect(code("x")).toBe("InvalidParameterValue");
    expect(decodeParams(null)).toEqual({});
    expect(decodeParams(undefined)).toEqual({});
  });
});

describe("tag decoding", () => {
  it("decodes $bytes to exact bytes, including non-UTF-8 content", () => {
    const raw = new Uint8Array([0, 255, 254, 0x80, 0xc3, 0x28, 10, 13, 0]);
    const out = decodeParams({ Body: { $bytes: Buffer.from(raw).toString("base64") } }) as {
      Body: Uint8Array;
    };
    expect(out.Body).toBeInstanceOf(Uint8Array);
    expect([...out.Body]).toEqual([...raw]);
  });

  it("decodes $date to a Date", () => {
    const out = decodeParams({ StartTime: { $date: "2024-02-29T12:34:56.789Z" } }) as { StartTime: Date };
    expect(out.StartTime).toBeInstanceOf(Date);
    expect(out.StartTime.toISOString()).toBe("2024-02-29T12:34:56.789Z");
  });

  it("refuses malformed tags", () => {
    expect(code({ Body: { $bytes: "not base64!" } })).toBe("InvalidParameterValue");
    expect(code({ Body: { $bytes: 12 } })).toBe("InvalidParameterValue");
    expect(code({ T: { $date: "yesterday" } })).toBe("InvalidParameterValue");
    expect(code({ T: { $date: "2024-13-45T99:99:99Z" } })).toBe("InvalidParameterValue");
  });

  it("treats an object with other keys next to $bytes as a plain map", () => {
    const out = decodeParams({ M: { $bytes: "AA==", other: 1 } });
    expect(out).toEqual({ M: { $bytes: "AA==", other: 1 } });
  });
});
