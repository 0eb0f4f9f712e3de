/**
 * The raw HTTP response of an AWS call -> the dict boto3 returns (or the error response botocore
 * builds), with botocore's parser semantics per protocol (`botocore/parsers.py`): awsQuery, ec2,
 * restXml, awsJson 1.0/1.1 and restJson1 — every protocol the installed SDK clients speak.
 * `ResponseMetadata` gets `RequestId` (and `HostId`), `HTTPStatusCode`, `HTTPHeaders` (lower-cased)
 * and `RetryAttempts`, in botocore's key order.
 */
import type { NormalizedSchema } from "@smithy/core/schema";
import { httpReason } from "./botocore-data.js";
import {
  isLocationMember,
  membersInOrder,
  nameToNode,
  normalized,
  type ReadContext,
  readJson,
  readXml,
  scalarFromText,
} from "./shape-readers.js";
import { dataKey, parseJsonKeepingNumbers, setKey, streamValue } from "./wire-values.js";
import { parseXml, type XmlNode } from "./xml-dom.js";

/** The wire protocols, by the SDK protocol's shape id. */
export type WireProtocol = "query" | "ec2" | "rest-xml" | "json" | "rest-json";

const PROTOCOLS: Readonly<Record<string, WireProtocol>> = {
  "aws.protocols#awsQuery": "query",
  "aws.protocols#ec2Query": "ec2",
  "aws.protocols#restXml": "rest-xml",
  "aws.protocols#awsJson1_0": "json",
  "aws.protocols#awsJson1_1": "json",
  "aws.protocols#restJson1": "rest-json",
};

/** The wire protocol of an SDK protocol shape id, or null for one the parser does not speak. */
export function wireProtocol(shapeId: string): WireProtocol | null {
  return PROTOCOLS[shapeId] ?? null;
}

/** One HTTP response as the capture middleware saw it. */
export interface RawResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** What a parse needs besides the response. */
export interface ParseOptions extends Omit<ReadContext, "restJson"> {
  protocol: WireProtocol;
  /** The operation's name (query responses wrap the output in `<Operation>Result`). */
  operation: string;
  retryAttempts: number;
}

function readContext(opts: ParseOptions): ReadContext {
  return { floats: opts.floats, order: opts.order, restJson: opts.protocol === "rest-json" };
}

function xmlRoot(body: Buffer): XmlNode | null {
  const text = body.toString("utf8");
  return text.trim() === "" ? null : parseXml(text);
}

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const text = body.toString("utf8");
  try {
    const parsed = parseJsonKeepingNumbers(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return { message: text };
  }
}

function restMetadata(headers: RawResponse["headers"]): Record<string, unknown> {
  if (headers["x-amzn-requestid"] !== undefined) return { RequestId: headers["x-amzn-requestid"] };
  if (headers["x-amz-request-id"] !== undefined) {
    return { RequestId: headers["x-amz-request-id"], HostId: headers["x-amz-id-2"] ?? "" };
  }
  return {};
}

/** botocore's `parse()` epilogue plus the retry count: HTTPStatusCode, HTTPHeaders, RetryAttempts. */
function finishMetadata(parsed: Record<string, unknown>, raw: RawResponse, retryAttempts: number): void {
  const existing = parsed.ResponseMetadata;
  const metadata: Record<string, unknown> =
    existing && typeof existing === "object" ? (existing as Record<string, unknown>) : {};
  metadata.HTTPStatusCode = raw.status;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.headers)) setKey(headers, dataKey(k), v);
  metadata.HTTPHeaders = headers;
  metadata.RetryAttempts = retryAttempts;
  parsed.ResponseMetadata = metadata;
}

function readRestLocations(
  output: NormalizedSchema,
  raw: RawResponse,
  ctx: ReadContext,
  out: Record<string, unknown>,
): void {
  const structName = output.getName() ?? "";
  for (const [name, member] of membersInOrder(output, ctx)) {
    const t = member.getMergedTraits() as Record<string, unknown>;
    if (t.httpResponseCode !== undefined) {
      out[name] = raw.status;
    } else if (typeof t.httpPrefixHeaders === "string") {
      const prefix = t.httpPrefixHeaders.toLowerCase();
      const map: Record<string, unknown> = {};
      for (const [h, v] of Object.entries(raw.headers)) {
        if (h.startsWith(prefix)) setKey(map, dataKey(h.slice(prefix.length)), v);
      }
      out[name] = map;
    } else if (typeof t.httpHeader === "string") {
      const value = raw.headers[t.httpHeader.toLowerCase()];
      if (value === undefined) continue;
      const isFloat = ctx.floats.has(`${structName}.${name}`);
      if (member.isListSchema()) {
        const item = member.getValueSchema();
        out[name] = value.split(",").map((v) => scalarFromText(item, v.trim(), isFloat));
      } else if (member.isStringSchema() && t.mediaType !== undefined) {
        try {
          out[name] = parseJsonKeepingNumbers(Buffer.from(value, "base64").toString("utf8"));
        } catch {
          out[name] = value;
        }
      } else {
        out[name] = scalarFromText(member, value, isFloat);
      }
    }
  }
}

function parseRestBody(
  output: NormalizedSchema,
  raw: RawResponse,
  opts: ParseOptions,
  out: Record<string, unknown>,
): void {
  const ctx = readContext(opts);
  const payload = membersInOrder(output, ctx).find(
    ([, m]) => (m.getMergedTraits() as Record<string, unknown>).httpPayload,
  );
  const xml = opts.protocol === "rest-xml";
  if (payload) {
    const [name, member] = payload;
    if (member.isStreaming() && member.isBlobSchema()) out[name] = streamValue(raw.body);
    else if (member.isStringSchema() || member.isBlobSchema()) out[name] = raw.body.toString("utf8");
    else if (xml) {
      const root = xmlRoot(raw.body);
      out[name] = root ? readXml(member, root, ctx) : {};
    } else {
      out[name] = readJson(member, jsonBody(raw.body), ctx);
    }
    return;
  }
  if (xml) {
    const root = xmlRoot(raw.body);
    if (root) Object.assign(out, readXml(output, root, ctx) as Record<string, unknown>);
  } else {
    Object.assign(out, readJson(output, jsonBody(raw.body), ctx) as Record<string, unknown>);
  }
}

/** Parses a successful (status < 301) response into boto3's response dict. */
export function parseSuccess(
  outputRef: unknown,
  raw: RawResponse,
  opts: ParseOptions,
): Record<string, unknown> {
  const output = normalized(outputRef);
  const ctx = readContext(opts);
  const hasMembers = output.isStructSchema() && [...output.structIterator()].length > 0;
  let parsed: Record<string, unknown> = {};
  switch (opts.protocol) {
    case "query":
    case "ec2": {
      const root = xmlRoot(raw.body);
      if (root && hasMembers) {
        const start = opts.protocol === "query" ? nameToNode(root).get(`${opts.operation}Result`) : root;
        if (start !== undefined) parsed = readXml(output, start, ctx) as Record<string, unknown>;
      }
      if (root) {
        const map = nameToNode(root);
        if (opts.protocol === "query") {
          const meta = map.get("ResponseMetadata");
          if (meta !== undefined) {
            const sub: Record<string, unknown> = {};
            for (const [k, v] of nameToNode(meta))
              setKey(sub, k, Array.isArray(v) ? (v[0]?.text ?? null) : v.text);
            parsed.ResponseMetadata = sub;
          }
        } else {
          const id = map.get("requestId");
          if (id !== undefined)
            parsed.ResponseMetadata = { RequestId: (Array.isArray(id) ? id[0] : id)?.text ?? null };
        }
      }
      break;
    }
    case "json": {
      parsed = hasMembers
        ? ((readJson(output, jsonBody(raw.body), ctx) as Record<string, unknown>) ?? {})
        : {};
      const id = raw.headers["x-amzn-requestid"];
      if (id !== undefined) parsed.ResponseMetadata = { RequestId: id };
      break;
    }
    case "rest-xml":
    case "rest-json": {
      parsed = { ResponseMetadata: restMetadata(raw.headers) };
      if (output.isStructSchema()) {
        readRestLocations(output, raw, ctx, parsed);
        parseRestBody(output, raw, opts, parsed);
      }
      break;
    }
  }
  finishMetadata(parsed, raw, opts.retryAttempts);
  return parsed;
}

function replaceNodes(map: Map<string, XmlNode | XmlNode[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of map) {
    const node = Array.isArray(v) ? v : v;
    const first = Array.isArray(node) ? node[0] : node;
    const hasChildren = Array.isArray(node) ? node.length > 0 : node.children.length > 0;
    setKey(
      out,
      k,
      hasChildren && first && (Array.isArray(node) || first.children.length > 0)
        ? replaceNodes(nameToNode(node))
        : (first?.text ?? null),
    );
  }
  return out;
}

function queryCompatible(
  code: string,
  headers: RawResponse["headers"],
  error: Record<string, unknown>,
): string {
  const header = headers["x-amzn-query-error"];
  if (header === undefined) return code;
  const parts = header.split(";");
  if (parts.length === 2 && parts[0]) {
    error.QueryErrorCode = code;
    error.Type = parts[1];
    return parts[0];
  }
  return code;
}

function jsonError(raw: RawResponse, rest: boolean): Record<string, unknown> {
  const body = jsonBody(raw.body);
  const error: Record<string, unknown> = { Message: "", Code: "" };
  const message = body.message ?? body.Message ?? "";
  error.Message = message;
  let code: unknown = body.__type ?? String(raw.status);
  if (typeof code === "string") {
    if (code.includes(":")) code = code.split(":", 1)[0];
    if ((code as string).includes("#")) code = (code as string).slice((code as string).lastIndexOf("#") + 1);
    code = queryCompatible(code as string, raw.headers, error);
    error.Code = code;
  }
  if (rest) {
    let restCode: unknown;
    if (raw.headers["x-amzn-errortype"] !== undefined) restCode = raw.headers["x-amzn-errortype"];
    else if ("code" in body || "Code" in body) restCode = body.code ?? body.Code ?? "";
    if (restCode !== undefined) {
      if (typeof restCode === "string") {
        const head = restCode.split(":", 1)[0] ?? "";
        restCode = head.slice(head.lastIndexOf("#") + 1);
      }
      error.Code = restCode;
    }
  }
  const parsed: Record<string, unknown> = { Error: error, ResponseMetadata: {} };
  const id = raw.headers["x-amzn-requestid"];
  if (id !== undefined) parsed.ResponseMetadata = { RequestId: id };
  return parsed;
}

function xmlQueryError(raw: RawResponse, ec2: boolean): Record<string, unknown> {
  const root = xmlRoot(raw.body);
  if (!root)
    return { Error: { Code: String(raw.status), Message: httpReason(raw.status) }, ResponseMetadata: {} };
  const parsed = replaceNodes(nameToNode(root));
  if (parsed.Errors && typeof parsed.Errors === "object") {
    Object.assign(parsed, parsed.Errors as Record<string, unknown>);
    delete parsed.Errors;
  }
  if ("RequestId" in parsed) {
    parsed.ResponseMetadata = { RequestId: parsed.RequestId };
    delete parsed.RequestId;
  }
  if (ec2 && "RequestID" in parsed) {
    parsed.ResponseMetadata = { RequestId: parsed.RequestID };
    delete parsed.RequestID;
  }
  return parsed;
}

function restXmlError(raw: RawResponse): Record<string, unknown> {
  const fromStatus = () => ({
    Error: { Code: String(raw.status), Message: httpReason(raw.status) },
    ResponseMetadata: {
      RequestId: raw.headers["x-amz-request-id"] ?? "",
      HostId: raw.headers["x-amz-id-2"] ?? "",
    },
  });
  if (raw.body.length === 0) return fromStatus();
  let root: XmlNode | null;
  try {
    root = xmlRoot(raw.body);
  } catch {
    return fromStatus();
  }
  if (!root) return fromStatus();
  const parsed = replaceNodes(nameToNode(root));
  if (root.tag === "Error") {
    delete parsed.RequestId;
    delete parsed.HostId;
    return { Error: parsed, ResponseMetadata: restMetadata(raw.headers) };
  }
  if ("RequestId" in parsed) {
    parsed.ResponseMetadata = { RequestId: parsed.RequestId };
    delete parsed.RequestId;
  }
  const out: Record<string, unknown> = { Error: { Message: "", Code: "" } };
  for (const [k, v] of Object.entries(parsed)) {
    if (k === "Error" && v && typeof v === "object") Object.assign(out.Error as object, v);
    else setKey(out, k, v);
  }
  return out;
}

function isGenericError(raw: RawResponse): boolean {
  if (raw.status < 500) return false;
  const body = raw.body.toString("utf8").trim();
  return body === "" || body.startsWith("<html>");
}

/**
 * Parses an error response (status >= 301) into botocore's error dict (`Error`, `ResponseMetadata`)
 * plus the modeled error's members when `errorRef` names its schema.
 */
export function parseError(
  raw: RawResponse,
  opts: ParseOptions,
  errorSchemaFor: (code: string) => unknown,
): Record<string, unknown> {
  let parsed: Record<string, unknown>;
  if (isGenericError(raw)) {
    parsed = { Error: { Code: String(raw.status), Message: httpReason(raw.status) }, ResponseMetadata: {} };
  } else {
    try {
      switch (opts.protocol) {
        case "query":
          parsed = xmlQueryError(raw, false);
          break;
        case "ec2":
          parsed = xmlQueryError(raw, true);
          break;
        case "rest-xml":
          parsed = restXmlError(raw);
          break;
        case "json":
          parsed = jsonError(raw, false);
          break;
        case "rest-json":
          parsed = jsonError(raw, true);
          break;
      }
    } catch {
      parsed = { Error: { Code: String(raw.status), Message: httpReason(raw.status) }, ResponseMetadata: {} };
    }
  }
  const code = (parsed.Error as Record<string, unknown> | undefined)?.Code;
  const errorRef = typeof code === "string" ? errorSchemaFor(code) : undefined;
  if (errorRef !== undefined && !isGenericError(raw)) {
    try {
      Object.assign(parsed, parseModeledError(errorRef, raw, opts));
    } catch {
      // botocore would fail the parse; the generic error is the more useful answer.
    }
  }
  finishMetadata(parsed, raw, opts.retryAttempts);
  return parsed;
}

function parseModeledError(errorRef: unknown, raw: RawResponse, opts: ParseOptions): Record<string, unknown> {
  const shape = normalized(errorRef);
  const ctx = readContext(opts);
  const out: Record<string, unknown> = {};
  switch (opts.protocol) {
    case "query":
    case "ec2": {
      const root = xmlRoot(raw.body);
      if (!root) return out;
      let errorRoot: XmlNode = root;
      if (opts.protocol === "query" && root.tag === "ErrorResponse") {
        errorRoot = root.children.find((c) => c.tag === "Error") ?? root;
      } else if (opts.protocol === "ec2") {
        const errors = root.children.find((c) => c.tag === "Errors");
        errorRoot = errors?.children.find((c) => c.tag === "Error") ?? root;
      }
      return readXml(shape, errorRoot, ctx) as Record<string, unknown>;
    }
    case "json":
      return (readJson(shape, jsonBody(raw.body), ctx) as Record<string, unknown>) ?? out;
    case "rest-xml":
    case "rest-json": {
      readRestLocations(shape, raw, ctx, out);
      if (opts.protocol === "rest-xml") {
        const root = xmlRoot(raw.body);
        if (root) Object.assign(out, readXml(shape, root, ctx) as Record<string, unknown>);
      } else {
        Object.assign(out, readJson(shape, jsonBody(raw.body), ctx) as Record<string, unknown>);
      }
      return out;
    }
  }
}

/** For tests and the bridge: whether a member is read from the HTTP envelope, not the body. */
export { isLocationMember };
