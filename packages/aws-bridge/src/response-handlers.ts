/**
 * botocore's response-side handlers (`botocore/handlers.py`, `after-call` events), applied to the
 * parsed response so scripts see what boto3 returns:
 * - IAM policy documents (every member of shape `policyDocumentType`, from botocore's model)
 *   URL-decoded and JSON-parsed into dicts (`json_decode_policies`);
 * - S3 `GetBucketLocation`: `LocationConstraint` is the root element's text (`None` for us-east-1);
 * - S3 list operations: keys URL-decoded when the host added `EncodingType=url`;
 * - EC2 `GetConsoleOutput`: `Output` base64-decoded to text;
 * - CloudFormation `GetTemplate`: a JSON `TemplateBody` parsed into a dict.
 */
import type { NormalizedSchema } from "@smithy/core/schema";
import type { RequestContext } from "./request-handlers.js";
import { membersInOrder, type ReadContext } from "./shape-readers.js";
import { dataKey, parseJsonKeepingNumbers, setKey } from "./wire-values.js";
import { parseXml } from "./xml-dom.js";

/** Python's `urllib.parse.unquote` (lenient: malformed escapes stay as they are). */
function unquote(value: string, plus = false): string {
  const text = plus ? value.replace(/\+/g, " ") : value;
  if (!text.includes("%")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const hex = text.slice(i + 1, i + 3);
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function escapeKeys(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((v) => escapeKeys(v, depth + 1));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setKey(out, dataKey(k), escapeKeys(v, depth + 1));
    return out;
  }
  return value;
}

function jsonDoc(text: string): unknown {
  try {
    return escapeKeys(parseJsonKeepingNumbers(text));
  } catch {
    return text;
  }
}

function decodePolicies(
  value: unknown,
  ns: NormalizedSchema,
  docs: ReadonlySet<string>,
  ctx: ReadContext,
  depth = 0,
): void {
  if (depth > 32 || value === null || typeof value !== "object") return;
  if (ns.isStructSchema() && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const structName = ns.getName() ?? "";
    for (const [name, member] of membersInOrder(ns, ctx)) {
      if (!Object.hasOwn(obj, name)) continue;
      if (member.isStringSchema() && docs.has(`${structName}.${name}`) && typeof obj[name] === "string") {
        obj[name] = jsonDoc(unquote(obj[name] as string));
      } else {
        decodePolicies(obj[name], member, docs, ctx, depth + 1);
      }
    }
  } else if (ns.isListSchema() && Array.isArray(value)) {
    const member = ns.getValueSchema();
    for (const item of value) decodePolicies(item, member, docs, ctx, depth + 1);
  }
}

const LIST_DECODES: Readonly<Record<string, { top: string[]; nested: [string, string][] }>> = {
  ListObjects: {
    top: ["Delimiter", "Marker", "NextMarker"],
    nested: [
      ["Contents", "Key"],
      ["CommonPrefixes", "Prefix"],
    ],
  },
  ListObjectsV2: {
    top: ["Delimiter", "Prefix", "StartAfter"],
    nested: [
      ["Contents", "Key"],
      ["CommonPrefixes", "Prefix"],
    ],
  },
  ListObjectVersions: {
    top: ["KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"],
    nested: [
      ["Versions", "Key"],
      ["DeleteMarkers", "Key"],
      ["CommonPrefixes", "Prefix"],
    ],
  },
};

/** What the handlers need about the call. */
export interface ResponseHandlerContext {
  service: string;
  operation: string;
  output: NormalizedSchema;
  body: Buffer;
  policyDocuments: ReadonlySet<string>;
  read: ReadContext;
  request: RequestContext;
}

/**
 * Response checksums botocore validates without extra packages (its `_CHECKSUM_CLS` without the
 * CRT), in its priority order, for operations whose model lists response algorithms (S3 GetObject).
 */
const RESPONSE_CHECKSUMS = ["crc32", "sha1", "sha256", "sha512"];
const RESPONSE_CHECKSUM_OPERATIONS = new Set(["s3:GetObject"]);

/** Applies botocore's response handlers for the call to `parsed` (in place). */
export function applyResponseHandlers(
  parsed: Record<string, unknown>,
  ctx: ResponseHandlerContext,
  headers: Readonly<Record<string, string>> = {},
): void {
  const status = (parsed.ResponseMetadata as Record<string, unknown> | undefined)?.HTTPStatusCode;
  if (
    RESPONSE_CHECKSUM_OPERATIONS.has(`${ctx.service}:${ctx.operation}`) &&
    typeof status === "number" &&
    status < 300
  ) {
    const algorithm = RESPONSE_CHECKSUMS.find((a) => {
      const v = headers[`x-amz-checksum-${a}`];
      return v !== undefined && !v.includes("-");
    });
    if (algorithm) {
      // botocore adds it inside parse(), before the retry count: keep that key order.
      const meta = parsed.ResponseMetadata as Record<string, unknown>;
      const retries = meta.RetryAttempts;
      delete meta.RetryAttempts;
      meta.ChecksumAlgorithm = algorithm;
      meta.RetryAttempts = retries;
    }
  }
  if (ctx.policyDocuments.size > 0) decodePolicies(parsed, ctx.output, ctx.policyDocuments, ctx.read);
  if (ctx.service === "s3" && ctx.operation === "GetBucketLocation") {
    try {
      parsed.LocationConstraint = parseXml(ctx.body.toString("utf8")).text;
    } catch {
      // botocore would fail the call; keep what the parser found.
    }
  }
  const list = ctx.service === "s3" ? LIST_DECODES[ctx.operation] : undefined;
  if (list && parsed.EncodingType === "url" && ctx.request.encodingTypeAutoSet) {
    for (const key of list.top) {
      if (typeof parsed[key] === "string") parsed[key] = unquote(parsed[key] as string, true);
    }
    for (const [top, child] of list.nested) {
      const items = parsed[top];
      if (!Array.isArray(items)) continue;
      for (const item of items as Record<string, unknown>[]) {
        if (item && typeof item[child] === "string") item[child] = unquote(item[child] as string, true);
      }
    }
  }
  if (ctx.service === "ec2" && ctx.operation === "GetConsoleOutput" && typeof parsed.Output === "string") {
    parsed.Output = Buffer.from(parsed.Output, "base64").toString("utf8");
  }
  if (
    ctx.service === "cloudformation" &&
    ctx.operation === "GetTemplate" &&
    typeof parsed.TemplateBody === "string"
  ) {
    try {
      parsed.TemplateBody = escapeKeys(parseJsonKeepingNumbers(parsed.TemplateBody));
    } catch {
      // not JSON (YAML templates stay text, as in botocore)
    }
  }
}
