import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { downgradeToV1 } from "../src/answer-compat.js";
import { AwsBridgeError } from "../src/errors.js";
import { ResponseCapture } from "../src/raw-capture.js";
import { dataKey, floatLexeme, intLexeme, parseJsonKeepingNumbers, setKey } from "../src/wire-values.js";
import { parseXml, XmlParseError } from "../src/xml-dom.js";

describe("XML reader", () => {
  it("reads elements, text, entities, CDATA and drops namespace prefixes", () => {
    const root = parseXml(
      '<?xml version="1.0"?><a:Root xmlns:a="urn:x"><Key>a &amp; b &#x41;</Key><V><![CDATA[<raw>]]></V><E/></a:Root>',
    );
    expect(root.tag).toBe("Root");
    expect(root.children.map((c) => [c.tag, c.text])).toEqual([
      ["Key", "a & b A"],
      ["V", "<raw>"],
      ["E", null],
    ]);
  });

  it("refuses DTDs (no entity expansion) and malformed documents", () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(XmlParseError);
    expect(() => parseXml("<a><b></a>")).toThrow(XmlParseError);
    expect(() => parseXml("<a></a><b></b>")).toThrow(XmlParseError);
    expect(() => parseXml(`${"<a>".repeat(300)}${"</a>".repeat(300)}`)).toThrow(XmlParseError);
  });
});

describe("wire values", () => {
  it("keeps float lexemes and big integers exact, as Python's json would read them", () => {
    const parsed = parseJsonKeepingNumbers('{"a":5.0,"b":1e3,"c":12345678901234567890,"d":1.5,"e":7}');
    expect(JSON.stringify(parsed)).toBe('{"a":5.0,"b":1e3,"c":12345678901234567890,"d":1.5,"e":7}');
    expect(floatLexeme("5")).toBe("5.0");
    expect(floatLexeme("1.5E2")).toBe("150.0");
    expect(intLexeme("007")).toBe("7");
    expect(intLexeme("5.0")).toBe("5");
  });

  it("escapes data keys that look like tags and keeps __proto__ a data key", () => {
    expect(dataKey("$bytes")).toBe("$$bytes");
    expect(dataKey("name")).toBe("name");
    const o: Record<string, unknown> = {};
    setKey(o, "__proto__", 1);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(JSON.stringify(o)).toBe('{"__proto__":1}');
  });

  it("downgrades v2 tags for v1 sandboxes", () => {
    expect(
      downgradeToV1({ A: { $ts: "2026-01-02T03:04:05Z" }, B: { $stream: "aGk=" }, C: [{ $ts: 0 }] }),
    ).toEqual({
      A: { $date: "2026-01-02T03:04:05.000Z" },
      B: { $bytes: "aGk=" },
      C: [{ $date: "1970-01-01T00:00:00.000Z" }],
    });
  });
});

describe("raw response capture", () => {
  type Handler = (args: unknown) => Promise<{ response: unknown }>;
  function commandWith(
    response: Record<string, unknown>,
  ): { run: () => Promise<{ response: unknown }> } & object {
    let mw: ((next: Handler) => Handler) | null = null;
    const command = {
      middlewareStack: { add: (m: (next: Handler) => Handler) => (mw = m) },
      run: () => mw!(async () => ({ response }))({}),
    };
    return command;
  }

  it("captures status, lower-cased headers and the body, and hands the SDK the same bytes", async () => {
    const response = {
      statusCode: 404,
      headers: { "X-Amz-Request-Id": "r1" },
      body: Readable.from([Buffer.from("<Error/>")]),
    };
    const cmd = commandWith(response);
    const capture = new ResponseCapture(1000);
    capture.attach(cmd);
    await cmd.run();
    expect(capture.last?.status).toBe(404);
    expect(capture.last?.headers).toEqual({ "x-amz-request-id": "r1" });
    expect(capture.last?.body.toString()).toBe("<Error/>");
    expect(capture.attempts).toBe(1);
    const again: Buffer[] = [];
    for await (const c of response.body as AsyncIterable<Buffer>) again.push(c);
    expect(Buffer.concat(again).toString()).toBe("<Error/>");
  });

  it("stops reading past the budget (declared or streamed) with ResponseTooLarge", async () => {
    const big = { statusCode: 200, headers: {}, body: Readable.from([Buffer.alloc(600), Buffer.alloc(600)]) };
    const cmd = commandWith(big);
    const capture = new ResponseCapture(1000);
    capture.attach(cmd);
    await expect(cmd.run()).rejects.toSatisfy(
      (e) => e instanceof AwsBridgeError && e.code === "ResponseTooLarge",
    );
    const declared = commandWith({
      statusCode: 200,
      headers: { "content-length": "5000" },
      body: Readable.from([]),
    });
    const c2 = new ResponseCapture(1000);
    c2.attach(declared);
    await expect(declared.run()).rejects.toSatisfy(
      (e) => e instanceof AwsBridgeError && e.code === "ResponseTooLarge",
    );
  });
});
