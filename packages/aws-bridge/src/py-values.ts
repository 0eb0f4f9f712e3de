/**
 * Python values as they arrive in a bridge request's `params` (see the params encoding in
 * `/work/team/bridge-protocol-v2.md`): JSON, plus tags for what JSON cannot say. The host judges
 * parameter types from these exactly as botocore judges the Python values, and renders them the way
 * Python's `str()`/`repr()` would for its own report (the sandbox re-renders the report with the
 * script's real objects; this rendering is for callers without Python, e.g. MCP `call_aws`).
 */

/** A JSON number whose lexeme was a float (`5.0`, `1e+16`): Python's `float`, even when integral. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * `JSON.parse` reviver for bridge requests: an integral number written as a float (`5.0`,
 * `1e+16`) stays a Python `float` ({@link PyFloat}), so validation judges it as botocore judges
 * the script's value.
 */
export function keepFloatLexemes(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === "number" && Number.isInteger(value) && context?.source !== undefined) {
    const src = context.source;
    if (src.includes(".") || src.includes("e") || src.includes("E")) return new PyFloat(value);
  }
  return value;
}

/**
 * Parses a bridge request, keeping float lexemes only when the text may hold an integral float
 * (`5.0`, `1e+16`): `JSON.parse` with a source-reading reviver is several times slower, and most
 * requests have none.
 */
export function parseRequestJson(text: string): unknown {
  return MAYBE_INTEGRAL_FLOAT.test(text) ? JSON.parse(text, keepFloatLexemes) : JSON.parse(text);
}

const MAYBE_INTEGRAL_FLOAT = /\d\.0*(?![0-9])|\d[eE]/;

/** The Python type of a param value, by the bridge's encoding. */
export type PyKind =
  | "NoneType"
  | "bool"
  | "int"
  | "float"
  | "str"
  | "dict"
  | "list"
  | "bytes"
  | "datetime"
  | "Decimal"
  | "other";

/** A tagged value: `{"$bytes"}`, `{"$date"}`, `{"$decimal"}`, `{"$pytype"}` (only key(s) of the dict). */
export function tagOf(value: Record<string, unknown>): "$bytes" | "$date" | "$decimal" | "$pytype" | null {
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const k = keys[0];
    if (k === "$bytes" || k === "$date" || k === "$decimal" || k === "$pytype") return k;
  }
  if (keys.length === 2 && "$pytype" in value && "$repr" in value) return "$pytype";
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}

/** The Python kind of an encoded value. */
export function pyKind(value: unknown): PyKind {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (value instanceof PyFloat) return "float";
  if (Array.isArray(value)) return "list";
  if (isRecord(value)) {
    switch (tagOf(value)) {
      case "$bytes":
        return "bytes";
      case "$date":
        return "datetime";
      case "$decimal":
        return "Decimal";
      case "$pytype":
        return value.$pytype === "float" ? "float" : "other";
      default:
        return "dict";
    }
  }
  return "other";
}

const TYPE_NAMES: Readonly<Record<Exclude<PyKind, "other">, string>> = {
  NoneType: "<class 'NoneType'>",
  bool: "<class 'bool'>",
  int: "<class 'int'>",
  float: "<class 'float'>",
  str: "<class 'str'>",
  dict: "<class 'dict'>",
  list: "<class 'list'>",
  bytes: "<class 'bytes'>",
  datetime: "<class 'datetime.datetime'>",
  Decimal: "<class 'decimal.Decimal'>",
};

/** `str(type(value))` for an encoded value. */
export function pyTypeName(value: unknown): string {
  const kind = pyKind(value);
  if (kind !== "other") return TYPE_NAMES[kind];
  const name = isRecord(value) && typeof value.$pytype === "string" ? value.$pytype : "object";
  return `<class '${name.replace(/[^\w.]/g, "")}'>`;
}

/** Python's `repr()` of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (/[\p{C}\p{Zl}\p{Zp}]/u.test(ch) || (/\p{Zs}/u.test(ch) && ch !== " ")) {
      out +=
        cp <= 0xff
          ? `\\x${cp.toString(16).padStart(2, "0")}`
          : cp <= 0xffff
            ? `\\u${cp.toString(16).padStart(4, "0")}`
            : `\\U${cp.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

function floatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  const s = String(n);
  // JS writes 1e21 / 1e-7 as "1e+21" / "1e-7"; Python writes "1e+21" / "1e-07".
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

const MAX_RENDER = 2000;

/** Python's `repr()` of an encoded value (bounded; the sandbox renders the exact text). */
export function pyRepr(value: unknown, depth = 0): string {
  if (depth > 20) return "...";
  const kind = pyKind(value);
  switch (kind) {
    case "NoneType":
      return "None";
    case "bool":
      return value ? "True" : "False";
    case "int":
      return String(value);
    case "float":
      if (value instanceof PyFloat) return floatRepr(value.value);
      if (typeof value === "number") return floatRepr(value);
      return String((value as Record<string, unknown>).$repr ?? "nan");
    case "str":
      return pyStrRepr(value as string);
    case "list": {
      const items: string[] = [];
      let size = 0;
      for (const item of value as unknown[]) {
        const r = pyRepr(item, depth + 1);
        size += r.length;
        items.push(r);
        if (size > MAX_RENDER) break;
      }
      return `[${items.join(", ")}]`;
    }
    case "dict": {
      const items: string[] = [];
      let size = 0;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const r = `${pyStrRepr(k)}: ${pyRepr(v, depth + 1)}`;
        size += r.length;
        items.push(r);
        if (size > MAX_RENDER) break;
      }
      return `{${items.join(", ")}}`;
    }
    case "bytes": {
      const raw = Buffer.from(String((value as Record<string, unknown>).$bytes), "base64");
      let out = "";
      for (const b of raw.subarray(0, MAX_RENDER)) {
        if (b === 0x27 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
        else if (b === 0x0a) out += "\\n";
        else if (b === 0x0d) out += "\\r";
        else if (b === 0x09) out += "\\t";
        else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
        else out += String.fromCharCode(b);
      }
      return `b'${out}'`;
    }
    case "datetime":
      return `datetime.datetime(${String((value as Record<string, unknown>).$date)})`;
    case "Decimal":
      return `Decimal('${String((value as Record<string, unknown>).$decimal)}')`;
    default: {
      const r = isRecord(value) ? value.$repr : undefined;
      return typeof r === "string" ? r.slice(0, MAX_RENDER) : `<${pyTypeName(value).slice(8, -2)} object>`;
    }
  }
}

/** Python's `str()` of an encoded value (what botocore's f-strings print). */
export function pyStr(value: unknown): string {
  if (typeof value === "string")
    return value.length > MAX_RENDER ? `${value.slice(0, MAX_RENDER)}...` : value;
  if (pyKind(value) === "datetime") {
    const iso = String((value as Record<string, unknown>).$date);
    return iso.replace("T", " ").replace(/Z$/, "+00:00");
  }
  if (pyKind(value) === "Decimal") return String((value as Record<string, unknown>).$decimal);
  return pyRepr(value);
}
