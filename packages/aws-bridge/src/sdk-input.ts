/**
 * Decoded params -> SDK v3 input, by botocore's input shapes: what botocore's serializer accepts
 * beyond the SDK's types becomes what the SDK expects (a `str` for a blob member is its UTF-8 bytes;
 * an epoch number or timestamp string for a timestamp member is a `Date`). Runs after validation,
 * so every value already has an acceptable type.
 */
import type { ShapeSpec } from "./botocore-data.js";
import { AwsBridgeError } from "./errors.js";
import { parseTimestampParam } from "./param-validation.js";
import { UnsendableValue } from "./validate.js";

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof UnsendableValue)
  );
}

function convert(
  value: unknown,
  shapes: Readonly<Record<string, ShapeSpec>>,
  shape: string | undefined,
): unknown {
  if (value instanceof UnsendableValue) {
    throw new AwsBridgeError(
      "InvalidParameterValue",
      `a Python ${value.pyType} cannot be sent as an AWS parameter value`,
    );
  }
  const spec = shape === undefined ? undefined : shapes[shape];
  if (typeof spec === "string") {
    const t = spec.split(":")[0];
    if (t === "B" && typeof value === "string") return new Uint8Array(Buffer.from(value, "utf8"));
    if (t === "T" && !(value instanceof Date)) return parseTimestampParam(value) ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    const member = spec && spec[0] === "L" ? spec[1] : undefined;
    return value.map((v) => convert(v, shapes, member));
  }
  if (isPlainRecord(value)) {
    const out: Record<string, unknown> = {};
    const members =
      spec && spec[0] === "S" && spec[3] !== 2 ? new Map(spec[1].map((m) => [m[0], m[1]] as const)) : null;
    const mapValue = spec && spec[0] === "M" ? spec[2] : undefined;
    for (const [k, v] of Object.entries(value)) {
      const item = convert(v, shapes, members ? members.get(k) : mapValue);
      Object.defineProperty(out, k, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Converts decoded params to SDK input along the operation's input shape (`null`: no model). */
export function toSdkInput(
  decoded: Record<string, unknown>,
  shapes: Readonly<Record<string, ShapeSpec>> | null,
  inputShape: string | null,
): Record<string, unknown> {
  return convert(decoded, shapes ?? {}, inputShape ?? undefined) as Record<string, unknown>;
}
