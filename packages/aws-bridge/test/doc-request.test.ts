import { describe, expect, it } from "vitest";
import { AwsBridge, type OperationDocs } from "../src/bridge.js";
import { AwsBridgeError } from "../src/errors.js";
import { BridgeResponseSchema } from "../src/protocol.js";
import { captureLog } from "./helpers.js";

function bridgeWith(docs?: OperationDocs): AwsBridge {
  return new AwsBridge({
    logger: captureLog().logger,
    baseCredentials: async () => ({ accessKeyId: "AKIDTEST", secretAccessKey: "secret" }),
    ...(docs ? { docs } : {}),
  });
}

async function ask(bridge: AwsBridge, req: unknown) {
  const run = bridge.forRun({ principal: { name: "agent" }, runId: "r1" });
  return BridgeResponseSchema.parse(JSON.parse(await run.handle(JSON.stringify(req))));
}

describe("aws.doc", () => {
  it("answers with the documentation text of the operation", async () => {
    const asked: string[] = [];
    const bridge = bridgeWith({
      docText: async (service, operation) => {
        asked.push(`${service}.${operation}`);
        return "# s3.list_objects_v2";
      },
    });
    const r = await ask(bridge, { op: "aws.doc", service: "s3", operation: "list_objects_v2" });
    expect(r).toEqual({ ok: true, value: { text: "# s3.list_objects_v2" } });
    expect(asked).toEqual(["s3.list_objects_v2"]);
    await bridge.close();
  });

  it("passes the lookup's error codes through (unknown operation)", async () => {
    const bridge = bridgeWith({
      docText: async () => {
        throw new AwsBridgeError("UnknownOperation", "Unknown operation 'list_bukkits' for service s3.");
      },
    });
    const r = await ask(bridge, { op: "aws.doc", service: "s3", operation: "list_bukkits" });
    expect(r.ok ? null : r.error.code).toBe("UnknownOperation");
    await bridge.close();
  });

  it("answers UnsupportedOperation when the server has no documentation index", async () => {
    const bridge = bridgeWith();
    const r = await ask(bridge, { op: "aws.doc", service: "s3", operation: "ListBuckets" });
    expect(r.ok ? null : r.error.code).toBe("UnsupportedOperation");
    await bridge.close();
  });

  it("validates the request like every other (extra keys refused)", async () => {
    const bridge = bridgeWith({ docText: async () => "x" });
    const r = await ask(bridge, { op: "aws.doc", service: "s3", operation: "ListBuckets", extra: 1 });
    expect(r.ok ? null : r.error.code).toBe("InvalidRequest");
    await bridge.close();
  });
});
