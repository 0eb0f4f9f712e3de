/**
 * Reading response bodies into boto3's values, shape by shape, with botocore's parser semantics
 * (`botocore/parsers.py`: `BaseXMLResponseParser`, `BaseJSONParser`, `RestJSONParser`), driven by
 * the SDK v3 schema (`NormalizedSchema`) plus botocore's float members and member order, which the
 * SDK schema does not carry.
 */
import { NormalizedSchema } from "@smithy/core/schema";
import {
  bytesValue,
  dataKey,
  floatLexeme,
  intLexeme,
  isRawNumber,
  rawNumber,
  setKey,
  ts,
} from "./wire-values.js";
import type { XmlNode } from "./xml-dom.js";

/** What the readers need besides the schema. */
export interface ReadContext {
  /** `Struct.Member` names whose numbers are floats (botocore's model). */
  readonly floats: ReadonlySet<string>;
  /** Model member order of structures with required members (botocore's model). */
  readonly order: Readonly<Record<string, readonly string[]>>;
  /** REST-JSON converts scalars by type (`int()`, `float()`, `ensure_boolean`); awsJson does not. */
  readonly restJson: boolean;
}

const MAX_DEPTH = 128;

/** The members of a structure schema, in botocore's (model) order. */
export function membersInOrder(ns: NormalizedSchema, ctx: ReadContext): [string, NormalizedSchema][] {
  const members = [...ns.structIterator()];
  const order = ctx.order[ns.getName() ?? ""];
  if (!order) return members;
  const rank = new Map(order.map((m, i) => [m, i]));
  return members.sort((a, b) => (rank.get(a[0]) ?? 1e9) - (rank.get(b[0]) ?? 1e9));
}

function traits(ns: NormalizedSchema): Record<string, unknown> {
  return ns.getMergedTraits() as Record<string, unknown>;
}

/** True for members bound to HTTP headers, status or prefix headers (not read from the body). */
export function isLocationMember(member: NormalizedSchema): boolean {
  const t = traits(member);
  return t.httpHeader !== undefined || t.httpPrefixHeaders !== undefined || t.httpResponseCode !== undefined;
}

function numericText(value: unknown): string {
  if (isRawNumber(value)) return value.rawJSON;
  if (typeof value === "number") return String(value);
  return String(value);
}

/** A scalar's value from text (XML bodies and HTTP headers), converted by type as botocore does. */
export function scalarFromText(ns: NormalizedSchema, text: string, isFloat: boolean): unknown {
  if (ns.isStringSchema()) return text;
  if (ns.isBooleanSchema()) return text === "true";
  if (ns.isTimestampSchema()) return ts(text);
  if (ns.isBlobSchema()) return bytesValue(Buffer.from(text, "base64"));
  if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) {
    const lexeme = isFloat || ns.isBigDecimalSchema() ? floatLexeme(text) : intLexeme(text);
    return lexeme === null ? null : rawNumber(lexeme);
  }
  return text;
}

function xmlText(node: XmlNode | XmlNode[]): string {
  const n = Array.isArray(node) ? node[0] : node;
  return n?.text ?? "";
}

/** botocore's `_build_name_to_xml_node`: child tag -> node, repeated tags -> list. */
export function nameToNode(parent: XmlNode | XmlNode[]): Map<string, XmlNode | XmlNode[]> {
  const p = Array.isArray(parent) ? parent[0] : parent;
  const out = new Map<string, XmlNode | XmlNode[]>();
  for (const child of p?.children ?? []) {
    const prev = out.get(child.tag);
    if (prev === undefined) out.set(child.tag, child);
    else if (Array.isArray(prev)) prev.push(child);
    else out.set(child.tag, [prev, child]);
  }
  return out;
}

function xmlMemberName(member: NormalizedSchema, name: string): string {
  const t = traits(member);
  if (member.isListSchema() && t.xmlFlattened) {
    const itemName = (member.getValueSchema().getMergedTraits() as Record<string, unknown>).xmlName;
    if (typeof itemName === "string") return itemName;
  }
  return typeof t.xmlName === "string" ? t.xmlName : name;
}

/** Reads an XML node as a value of `ns` (botocore's `BaseXMLResponseParser._parse_shape`). */
export function readXml(
  ns: NormalizedSchema,
  node: XmlNode | XmlNode[],
  ctx: ReadContext,
  isFloat = false,
  depth = 0,
): unknown {
  if (depth > MAX_DEPTH) return null;
  if (ns.isStructSchema()) return readXmlStruct(ns, node, ctx, depth);
  if (ns.isListSchema()) {
    const member = ns.getValueSchema();
    const items = traits(ns).xmlFlattened
      ? Array.isArray(node)
        ? node
        : [node]
      : ((Array.isArray(node) ? node[0] : node)?.children ?? []);
    return items.map((item) => readXml(member, item, ctx, isFloat, depth + 1));
  }
  if (ns.isMapSchema()) {
    const keyNs = ns.getKeySchema();
    const valueNs = ns.getValueSchema();
    const keyTag = (keyNs.getMergedTraits() as Record<string, unknown>).xmlName ?? "key";
    const valueTag = (valueNs.getMergedTraits() as Record<string, unknown>).xmlName ?? "value";
    const entries = traits(ns).xmlFlattened
      ? Array.isArray(node)
        ? node
        : [node]
      : ((Array.isArray(node) ? node[0] : node)?.children ?? []);
    const out: Record<string, unknown> = {};
    for (const entry of entries) {
      let key: unknown;
      let value: unknown;
      for (const pair of entry.children) {
        if (pair.tag === keyTag) key = readXml(keyNs, pair, ctx, false, depth + 1);
        else if (pair.tag === valueTag) value = readXml(valueNs, pair, ctx, isFloat, depth + 1);
      }
      setKey(out, dataKey(String(key)), value);
    }
    return out;
  }
  return scalarFromText(ns, xmlText(node), isFloat);
}

function readXmlStruct(
  ns: NormalizedSchema,
  node: XmlNode | XmlNode[],
  ctx: ReadContext,
  depth: number,
): unknown {
  const out: Record<string, unknown> = {};
  const byName = nameToNode(node);
  const single = Array.isArray(node) ? node[0] : node;
  const structName = ns.getName() ?? "";
  for (const [name, member] of membersInOrder(ns, ctx)) {
    if (isLocationMember(member)) continue;
    const t = traits(member);
    const xmlName = xmlMemberName(member, name);
    const child = byName.get(xmlName);
    if (child !== undefined) {
      setKey(out, name, readXml(member, child, ctx, ctx.floats.has(`${structName}.${name}`), depth + 1));
    } else if (t.xmlAttribute && single) {
      const attr = Object.entries(single.attrs).find(
        ([k]) => k === xmlName || k.split(":").pop() === xmlName,
      );
      if (attr) setKey(out, name, attr[1]);
    }
  }
  return out;
}

function ensureBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  return typeof value === "string" && value.toLowerCase() === "true";
}

/** Reads a parsed JSON value as a value of `ns` (botocore's `BaseJSONParser` / `RestJSONParser`). */
export function readJson(
  ns: NormalizedSchema,
  value: unknown,
  ctx: ReadContext,
  isFloat = false,
  depth = 0,
): unknown {
  if (value === null || value === undefined) return null;
  if (depth > MAX_DEPTH) return null;
  if (ns.isDocumentSchema()) return escapeDocument(value, depth);
  if (ns.isStructSchema()) {
    if (typeof value !== "object" || Array.isArray(value) || isRawNumber(value)) return value;
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const structName = ns.getName() ?? "";
    for (const [name, member] of membersInOrder(ns, ctx)) {
      if (ctx.restJson && isLocationMember(member)) continue;
      const jsonName = traits(member).jsonName;
      const key = typeof jsonName === "string" ? jsonName : name;
      if (!Object.hasOwn(obj, key)) continue;
      const raw = obj[key];
      if (raw === null || raw === undefined) continue;
      setKey(out, name, readJson(member, raw, ctx, ctx.floats.has(`${structName}.${name}`), depth + 1));
    }
    return out;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return value;
    const member = ns.getValueSchema();
    return value.map((item) => (item === null ? null : readJson(member, item, ctx, isFloat, depth + 1)));
  }
  if (ns.isMapSchema()) {
    if (typeof value !== "object" || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    const valueNs = ns.getValueSchema();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      setKey(out, dataKey(k), v === null ? null : readJson(valueNs, v, ctx, isFloat, depth + 1));
    }
    return out;
  }
  if (ns.isTimestampSchema()) return ts(value as string | object);
  if (ns.isBlobSchema()) return typeof value === "string" ? bytesValue(Buffer.from(value, "base64")) : value;
  if (ctx.restJson) {
    if (ns.isBooleanSchema()) return ensureBoolean(value);
    if (ns.isNumericSchema()) {
      const lexeme = isFloat ? floatLexeme(numericText(value)) : intLexeme(numericText(value));
      return lexeme === null ? value : rawNumber(lexeme);
    }
  }
  return value;
}

function escapeDocument(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => escapeDocument(v, depth + 1));
  if (value !== null && typeof value === "object" && !isRawNumber(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      setKey(out, dataKey(k), escapeDocument(v, depth + 1));
    return out;
  }
  return value;
}

/** A schema reference (static schema or function returning one) as a `NormalizedSchema`. */
export function normalized(ref: unknown): NormalizedSchema {
  return NormalizedSchema.of(ref as Parameters<typeof NormalizedSchema.of>[0]);
}
