/**
 * One HTTP request/response pair as aws-local handles it: the wire protocol it speaks (S3 REST-XML,
 * AWS Query, AWS JSON), the request id, the record that ends up in the {@link RequestLog}, and the
 * writers that answer with AWS-shaped success and error bodies.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { AwsServiceError } from "./errors.js";
import type { RecordedRequest, RequestLog } from "./request-log.js";
import { XML_DECLARATION, xmlText } from "./xml.js";

/**
 * Wire protocol of a request, which decides the error format:
 * - `s3`: REST-XML, `<Error><Code/>...</Error>`, `x-amz-request-id`
 * - `query`: AWS Query (STS), `<ErrorResponse>`, `x-amzn-RequestId`
 * - `json`: AWS JSON 1.0 (CloudWatch in query-compatible mode) and REST-JSON, `{"__type"}` +
 *   `x-amzn-query-error` + `x-amzn-ErrorType`
 */
export type WireProtocol = "s3" | "query" | "json";

/** Friendly service names by SigV4 signing name; anything else is recorded under its signing name. */
const SERVICE_NAMES: ReadonlyMap<string, string> = new Map([
  ["s3", "s3"],
  ["sts", "sts"],
  ["monitoring", "cloudwatch"],
]);

/** Guesses the protocol from headers alone (used before the signing service is known). */
export function guessProtocol(req: IncomingMessage, rawQuery: string): WireProtocol {
  if (req.headers["x-amz-target"] !== undefined) return "json";
  const contentType = req.headers["content-type"] ?? "";
  if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) return "query";
  if (/(^|&)Action=/.test(rawQuery)) return "query";
  return "s3";
}

/** The mutable part of a {@link RecordedRequest}, filled in as the request is understood. */
export type RecordDraft = Omit<RecordedRequest, "status" | "errorCode">;

/** A request being handled. */
export class Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly requestId: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  /** Query parameters, decoded. */
  readonly query: URLSearchParams;
  protocol: WireProtocol;
  readonly draft: RecordDraft;
  readonly #log: RequestLog;
  #recorded = false;

  constructor(req: IncomingMessage, res: ServerResponse, log: RequestLog) {
    this.req = req;
    this.res = res;
    this.#log = log;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    this.rawPath = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? "" : url.slice(q + 1);
    this.query = new URLSearchParams(this.rawQuery);
    this.protocol = guessProtocol(req, this.rawQuery);
    this.requestId = this.protocol === "s3" ? randomBytes(8).toString("hex").toUpperCase() : randomUUID();
    this.draft = {
      requestId: this.requestId,
      time: new Date().toISOString(),
      service: "unknown",
      signingService: undefined,
      operation: "Unknown",
      method: req.method ?? "GET",
      url,
      host: req.headers.host,
      region: undefined,
      accessKeyId: undefined,
      credentialKind: "none",
      roleArn: undefined,
      roleSessionName: undefined,
      sourceIdentity: undefined,
      sessionTags: undefined,
    };
  }

  /** Sets the signing service from the credential scope (and with it the protocol for S3). */
  setSigningService(signingService: string): void {
    this.draft.signingService = signingService;
    this.draft.service = SERVICE_NAMES.get(signingService) ?? signingService;
    if (signingService === "s3") this.protocol = "s3";
  }

  /** Headers every response carries: the request id under the names the protocol uses. */
  idHeaders(): OutgoingHttpHeaders {
    return this.protocol === "s3"
      ? { "x-amz-request-id": this.requestId, "x-amz-id-2": Buffer.from(this.requestId).toString("base64") }
      : { "x-amzn-RequestId": this.requestId };
  }

  /** Appends the record to the log (once). Called right before the response head is written. */
  record(status: number, errorCode: string | undefined): void {
    if (this.#recorded) return;
    this.#recorded = true;
    this.#log.add({ ...this.draft, status, errorCode });
  }

  /** Answers with a complete body. */
  send(status: number, headers: OutgoingHttpHeaders, body: string | Uint8Array, errorCode?: string): void {
    this.record(status, errorCode);
    if (this.res.headersSent || this.res.destroyed) return;
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const isHead = this.req.method === "HEAD";
    this.res.writeHead(status, { ...this.idHeaders(), ...headers, "content-length": String(bytes.length) });
    this.res.end(isHead ? undefined : bytes);
  }

  /** Answers with an AWS-shaped error in this exchange's protocol. */
  sendError(error: AwsServiceError): void {
    switch (this.protocol) {
      case "s3": {
        const body = `${XML_DECLARATION}<Error>${xmlText("Code", error.code)}${xmlText("Message", error.message)}${xmlText("RequestId", this.requestId)}</Error>`;
        this.send(error.status, { "content-type": "application/xml" }, body, error.code);
        return;
      }
      case "query": {
        const ns =
          this.draft.signingService === "sts" ? ' xmlns="https://sts.amazonaws.com/doc/2011-06-15/"' : "";
        const body = `${XML_DECLARATION}<ErrorResponse${ns}><Error>${xmlText("Type", error.type)}${xmlText("Code", error.code)}${xmlText("Message", error.message)}</Error>${xmlText("RequestId", this.requestId)}</ErrorResponse>`;
        this.send(error.status, { "content-type": "text/xml" }, body, error.code);
        return;
      }
      case "json": {
        const body = JSON.stringify({ __type: error.code, message: error.message });
        this.send(
          error.status,
          {
            "content-type": "application/x-amz-json-1.0",
            "x-amzn-query-error": `${error.code};${error.type}`,
            "x-amzn-ErrorType": error.code,
          },
          body,
          error.code,
        );
        return;
      }
    }
  }
}
