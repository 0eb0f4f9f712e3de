/**
 * Answers for sandboxes that still speak bridge protocol v1 (requests without `"v": 2`): the v2
 * tags the first sandbox runtime does not know are rewritten to v1 ones — `{"$ts"}` becomes
 * `{"$date": ISO 8601}` and `{"$stream"}` becomes `{"$bytes"}`. Everything else (ResponseMetadata,
 * wire lexemes, error kinds) is the same in both.
 * TODO(issue 12): remove once the sandbox side sends `"v": 2` everywhere.
 */
import { isRawNumber } from "./wire-values.js";

function toIso(raw: unknown): string | null {
  const text = isRawNumber(raw) ? raw.rawJSON : raw;
  if (typeof text === "number" || (typeof text === "string" && /^-?\d+(\.\d+)?$/.test(text))) {
    const d = new Date(Number(text) * 1000);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  if (typeof text !== "string") return null;
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$|GMT$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Rewrites v2 tags to v1 ones, in place where possible; returns the value to send. */
export function downgradeToV1(value: unknown, depth = 0): unknown {
  if (depth > 200 || value === null || typeof value !== "object" || isRawNumber(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = downgradeToV1(value[i], depth + 1);
    return value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === "$ts") {
    const iso = toIso(obj.$ts);
    return iso === null ? obj.$ts : { $date: iso };
  }
  if (keys.length === 1 && keys[0] === "$stream") return { $bytes: obj.$stream };
  for (const k of keys) obj[k] = downgradeToV1(obj[k], depth + 1);
  return obj;
}
