/**
 * The tagged JSON values of a successful answer (see `/work/team/bridge-protocol-v2.md`), built by
 * the response parser: numbers keep their wire lexeme (`JSON.rawJSON`), timestamps travel raw as
 * `{"$ts"}`, blobs as `{"$bytes"}`, streaming payloads as `{"$stream"}`, and data keys starting
 * with `$` get one extra `$` so they are never read as tags.
 */

interface RawJsonApi {
  rawJSON(text: string): object;
  isRawJSON(value: unknown): boolean;
}
const RAW = JSON as unknown as RawJsonApi;

/** A number written with exactly this JSON lexeme (Python's `json` reads `5.0` as a float). */
export function rawNumber(lexeme: string): object {
  return RAW.rawJSON(lexeme);
}

/** True for a value made by {@link rawNumber}. */
export function isRawNumber(value: unknown): value is { rawJSON: string } {
  return RAW.isRawJSON(value);
}

/** The JSON number text of an integer text (Python `int(text)`), or null when it is not one. */
export function intLexeme(text: string): string | null {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) {
    // int() of a float text fails in Python; botocore's REST-JSON int(5.0) is 5.
    const n = Number(t);
    if (Number.isFinite(n)) return BigInt(Math.trunc(n)).toString();
    return null;
  }
  return BigInt(t).toString();
}

/** The JSON number text of a float (Python `float(text)`): always with a `.` or exponent. */
export function floatLexeme(text: string): string | null {
  const n = Number(text.trim());
  if (!Number.isFinite(n)) return null;
  const s = String(n);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A timestamp as it came over the wire, for the sandbox to parse as botocore does. */
export function ts(raw: string | object): { $ts: string | object } {
  return { $ts: raw };
}

/** Bytes, base64 (normalized). */
export function bytesValue(data: Buffer | Uint8Array): { $bytes: string } {
  return { $bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64") };
}

/** A streaming payload (Python `StreamingBody`). */
export function streamValue(data: Buffer): { $stream: string } {
  return { $stream: data.toString("base64") };
}

/** A data key as sent to the sandbox: keys starting with `$` get one extra `$`. */
export function dataKey(key: string): string {
  return key.startsWith("$") ? `$${key}` : key;
}

/** Sets a key on a plain object as a data property (a `__proto__` key from AWS stays data). */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `JSON.parse` keeping the lexemes that JavaScript would re-serialize differently. */
export function parseJsonKeepingNumbers(text: string): unknown {
  if (!/\d[.eE]|\d{16,}/.test(text)) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => {
    if (typeof value !== "number" || context?.source === undefined) return value;
    const src = context.source;
    const integral = Number.isInteger(value);
    if ((integral && /[.eE]/.test(src)) || (integral && !Number.isSafeInteger(value))) return rawNumber(src);
    return value;
  });
}
