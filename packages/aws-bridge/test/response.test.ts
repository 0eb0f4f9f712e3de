import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AwsBridgeError } from "../src/errors.js";
import { encodeOutput } from "../src/response.js";
import { decodeParams } from "../src/validate.js";

const NON_UTF8 = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x0a]);

async function code(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    return err instanceof AwsBridgeError ? err.code : "other";
  }
}

describe("response encoding", () => {
  it("drops $metadata but keeps its request id", async () => {
    const out = await encodeOutput(
      { $metadata: { requestId: "r-1", httpStatusCode: 200 }, Buckets: [] },
      1000,
    );
    expect(out).toEqual({ value: { Buckets: [] }, requestId: "r-1" });
  });

  it("tags dates and bytes, and skips undefined", async () => {
    const when = new Date("2025-01-02T03:04:05.678Z");
    const out = await encodeOutput({ A: when, B: NON_UTF8, C: undefined, D: [when], E: { F: 1n } }, 1000);
    expect(out.value).toEqual({
      A: { $date: "2025-01-02T03:04:05.678Z" },
      B: { $bytes: Buffer.from(NON_UTF8).toString("base64") },
      D: [{ $date: "2025-01-02T03:04:05.678Z" }],
      E: { F: 1 },
    });
  });

  it("round-trips bytes and dates through JSON and back into SDK input", async () => {
    const when = new Date("2030-12-31T23:59:59.999Z");
    const { value } = await encodeOutput({ Body: NON_UTF8, When: when }, 1000);
    const back = decodeParams(JSON.parse(JSON.stringify(value))) as { Body: Uint8Array; When: Date };
    expect([...back.Body]).toEqual([...NON_UTF8]);
    expect(back.When.getTime()).toBe(when.getTime());
  });

  it("reads streaming bodies fully into bytes", async () => {
    const body = Readable.from([Buffer.from(NON_UTF8.subarray(0, 3)), Buffer.from(NON_UTF8.subarray(3))]);
    const { value } = await encodeOutput({ $metadata: {}, Body: body, ContentType: "x" }, 1000);
    expect(value).toEqual({ Body: { $bytes: Buffer.from(NON_UTF8).toString("base64") }, ContentType: "x" });
  });

  it("stops reading a body past the cap with ResponseTooLarge and destroys the stream", async () => {
    let produced = 0;
    const body = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024));
      },
    });
    expect(await code(encodeOutput({ Body: body }, 10_000))).toBe("ResponseTooLarge");
    expect(body.destroyed).toBe(true);
    expect(produced).toBeLessThan(100 * 1024);
  });

  it("refuses a declared ContentLength over the cap before reading", async () => {
    const body = Readable.from([Buffer.alloc(10)]);
    expect(await code(encodeOutput({ Body: body, ContentLength: 5000 }, 1000))).toBe("ResponseTooLarge");
    expect(body.destroyed).toBe(true);
  });

  it("refuses event streams", async () => {
    async function* events() {
      yield { Records: { Payload: new Uint8Array([1]) } };
    }
    expect(await code(encodeOutput({ Payload: events() }, 1000))).toBe("UnsupportedOperation");
  });

  it("keeps a __proto__ key from AWS as plain data", async () => {
    const output = JSON.parse('{"Item": {"__proto__": {"S": "x"}}}');
    const { value } = await encodeOutput(output, 1000);
    const item = (value as { Item: Record<string, unknown> }).Item;
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"Item":{"__proto__":{"S":"x"}}}');
  });
});
