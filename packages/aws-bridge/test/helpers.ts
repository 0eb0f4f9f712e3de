/**
 * Test helpers: a minimal AWS-shaped HTTP endpoint on 127.0.0.1 (STS GetCallerIdentity over the
 * Query protocol, SQS over the JSON protocol) that records requests and can hold responses, and a
 * pino logger whose events the test can read.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

export interface StubRequest {
  host: string | undefined;
  path: string;
  target: string | undefined;
  body: string;
  authorization: string | undefined;
}

export interface StubAws {
  endpoint: string;
  requests: StubRequest[];
  inFlight: number;
  maxInFlight: number;
  /** While held, responses wait until `release()`. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/stub</Arn><UserId>AIDASTUB</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>stub-request-id</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

export async function startStubAws(): Promise<StubAws> {
  let gate: Promise<void> | null = null;
  let open: (() => void) | null = null;
  const stub: StubAws = {
    endpoint: "",
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
    hold() {
      gate = new Promise((r) => {
        open = r;
      });
    },
    release() {
      gate = null;
      open?.();
    },
    close: async () => {},
  };
  const server: Server = createServer(async (req, res) => {
    stub.inFlight++;
    stub.maxInFlight = Math.max(stub.maxInFlight, stub.inFlight);
    const body = await readBody(req);
    const target = req.headers["x-amz-target"];
    stub.requests.push({
      host: req.headers.host,
      path: req.url ?? "",
      target: typeof target === "string" ? target : undefined,
      body,
      authorization: req.headers.authorization,
    });
    while (gate) await gate;
    stub.inFlight--;
    if (typeof target === "string" && target.startsWith("AmazonSQS.")) {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "stub-sqs-id" });
      res.end(JSON.stringify({ Attributes: { QueueArn: "arn:aws:sqs:us-east-1:123456789012:q" } }));
      return;
    }
    res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": "stub-request-id" });
    res.end(IDENTITY);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = () =>
    new Promise((resolve) => {
      stub.release();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

export interface CapturedLog {
  logger: Logger;
  events: Record<string, unknown>[];
  text: () => string;
}

/** A pino logger writing JSON lines into memory. */
export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level: "debug" }, stream);
  return {
    logger,
    get events() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => lines.join("\n"),
  };
}

/** Polls `condition` (yielding to the event loop) until it holds or `limit` checks pass. */
export async function until(condition: () => boolean, limit = 2000): Promise<void> {
  for (let i = 0; i < limit && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error("condition not reached");
}

/** Fixed base credentials for stub endpoints (never real). */
export const STUB_CREDENTIALS = {
  accessKeyId: "AKIASTUBSTUBSTUB0001",
  secretAccessKey: "stub-secret-access-key-value",
};
