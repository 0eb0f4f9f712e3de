/**
 * Parameters from a script: hostile JSON turned into SDK input.
 *
 * - Keys `__proto__`, `constructor` and `prototype` are refused at any depth (`InvalidParameterValue`):
 *   no AWS parameter has these names, and refusing them means no object the bridge builds or hands
 *   to the SDK can be used for prototype pollution. (A DynamoDB attribute or tag literally named
 *   `constructor` is refused too; that is the price of a rule with no exceptions.)
 * - Nesting deeper than `MAX_PARAM_DEPTH` is refused. Size is bounded before parsing
 *   (`maxRequestBytes`).
 * - `{"$bytes": base64}` becomes a `Uint8Array`, `{"$date": ISO 8601}` a `Date`; a malformed tag is
 *   refused.
 * - Output objects are fresh plain objects; nothing of the input object graph is reused.
 */
import { AwsBridgeError } from "./errors.js";
import { PyFloat } from "./py-values.js";

/** Deepest nesting of objects/arrays accepted in `params`. */
export const MAX_PARAM_DEPTH = 32;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function invalid(path: string, message: string): AwsBridgeError {
  return new AwsBridgeError("InvalidParameterValue", `Invalid parameter ${path || "params"}: ${message}`);
}

function decodeBytes(value: unknown, path: string): Uint8Array {
  if (typeof value !== "string" || !BASE64.test(value)) {
    throw invalid(path, "a $bytes tag must hold standard base64 text");
  }
  return new Uint8Array(Buffer.from(value, "base64"));
}

function decodeDate(value: unknown, path: string): Date {
  if (typeof value !== "string" || !ISO_DATE.test(value)) {
    throw invalid(path, "a $date tag must hold an ISO 8601 timestamp");
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(path, `'${value}' is not a valid timestamp`);
  return date;
}

/** A Python value of a type no AWS parameter accepts (`set`, `date`, objects, ...). */
export class UnsendableValue {
  constructor(readonly pyType: string) {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeFloatTag(value: Record<string, unknown>, path: string): number {
  const repr = value.$repr;
  if (value.$pytype === "float" && (repr === "inf" || repr === "-inf" || repr === "nan")) {
    return repr === "nan" ? Number.NaN : repr === "inf" ? Infinity : -Infinity;
  }
  throw invalid(path, "a $pytype float tag must hold inf, -inf or nan");
}

function decodeDecimal(value: unknown, path: string): number {
  if (typeof value !== "string" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
    throw invalid(path, "a $decimal tag must hold a decimal number");
  }
  return Number(value);
}

/** A key as the script wrote it: keys starting with `$` travel with one extra `$`. */
function unescapeKey(key: string): string {
  return key.startsWith("$$") ? key.slice(1) : key;
}

function decode(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalid(path, "numbers must be finite");
    return value;
  }
  if (depth >= MAX_PARAM_DEPTH) throw invalid(path, `nested deeper than ${MAX_PARAM_DEPTH} levels`);
  if (Array.isArray(value)) {
    return value.map((item, i) => decode(item, `${path}[${i}]`, depth + 1));
  }
  if (!isRecord(value)) throw invalid(path, `unsupported value of type ${typeof value}`);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "$bytes") return decodeBytes(value.$bytes, path);
  if (keys.length === 1 && keys[0] === "$date") return decodeDate(value.$date, path);
  if (keys.length === 1 && keys[0] === "$decimal") return decodeDecimal(value.$decimal, path);
  if (keys.includes("$pytype") && keys.every((k) => k === "$pytype" || k === "$repr")) {
    if (value.$pytype === "float") return decodeFloatTag(value, path);
    // A Python value no parameter accepts: validation reports it; it never reaches the SDK.
    return new UnsendableValue(typeof value.$pytype === "string" ? value.$pytype.slice(0, 64) : "object");
  }
  const out: Record<string, unknown> = {};
  for (const rawKey of keys) {
    const key = unescapeKey(rawKey);
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key) || FORBIDDEN_KEYS.has(rawKey)) {
      throw invalid(at, `the key '${key}' is not allowed`);
    }
    const item = decode(value[rawKey], at, depth + 1);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

/**
 * Decodes a script's `params` into SDK input (see the module comment for the rules). `null` and
 * `undefined` become `{}`. Throws `InvalidParameterValue`.
 */
export function decodeParams(params: unknown): Record<string, unknown> {
  if (params === null || params === undefined) return {};
  if (!isRecord(params)) throw invalid("", "params must be an object");
  return decode(params, "", 0) as Record<string, unknown>;
}
