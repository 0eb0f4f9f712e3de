/**
 * Parameter validation with botocore's semantics (`botocore/validate.py`), before anything is sent:
 * every problem is collected, in botocore's order, as botocore's `(type, name, details)` report
 * entries. The input shapes come from botocore's own model (`data/botocore/<service>.json`), because
 * SDK v3 schemas put required members first (botocore lists members in model order in "must be one
 * of"), have one numeric type (botocore refuses a float for an integer member) and no `min`.
 *
 * Python types are judged from the bridge's params encoding (`py-values.ts`): a JSON number with a
 * float lexeme is a `float`, `true` is a `bool` (and, as in Python, also an `int`), tags carry bytes,
 * datetimes, Decimals and types no member accepts. A hostile input costs at most one visit per
 * value (the request size is capped before parsing) and at most {@link MAX_PROBLEMS} entries.
 */
import type { ShapeSpec } from "./botocore-data.js";
import type { ValidationProblem } from "./protocol.js";
import { pyKind, pyStr, pyTypeName } from "./py-values.js";

/** Most problems reported for one call (botocore has no limit; a hostile list must not flood). */
export const MAX_PROBLEMS = 100;

type Path = (string | number)[];

const T = {
  str: ["<class 'str'>"],
  int: ["<class 'int'>"],
  float: ["<class 'float'>", "<class 'decimal.Decimal'>", "<class 'int'>"],
  bool: ["<class 'bool'>"],
  dict: ["<class 'dict'>"],
  list: ["<class 'list'>", "<class 'tuple'>"],
  blob: ["<class 'bytes'>", "<class 'bytearray'>", "file-like object"],
  timestamp: ["<class 'datetime.datetime'>", "timestamp-string"],
  document: [
    "<class 'str'>",
    "<class 'int'>",
    "<class 'bool'>",
    "<class 'float'>",
    "<class 'list'>",
    "<class 'dict'>",
  ],
} as const;

const ISO_DATE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A timestamp parameter as botocore's `parse_to_aware_datetime` reads it: epoch numbers (and
 * numeric strings), ISO 8601 and RFC 822 / HTTP dates; naive times are UTC. `null` when it is not
 * one. (botocore also accepts dateutil's free-form dates; those are refused here.)
 */
export function parseTimestampParam(value: unknown): Date | null {
  if (typeof value === "boolean") return new Date(value ? 1000 : 0);
  if (typeof value === "number") return Number.isFinite(value) ? new Date(value * 1000) : null;
  if (typeof value === "object" && value !== null && "value" in value && pyKind(value) === "float") {
    const n = (value as { value: number }).value;
    return Number.isFinite(n) ? new Date(n * 1000) : null;
  }
  if (typeof value === "object" && value !== null && pyKind(value) === "datetime") {
    const d = new Date(String((value as { $date: unknown }).$date));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const d = new Date(Number(text) * 1000);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = ISO_DATE.exec(text);
  if (m) {
    const [, y, mo, da, h = "00", mi = "00", s = "00", frac = "", zone] = m;
    const ms = frac ? `.${frac.slice(0, 3).padEnd(3, "0")}` : "";
    const z =
      !zone || zone.toUpperCase() === "Z"
        ? "Z"
        : zone.length === 3
          ? `${zone}:00`
          : zone.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
    const d = new Date(`${y}-${mo}-${da}T${h}:${mi}:${s}${ms}${z}`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (/^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}(:\d{2})? (GMT|UTC|Z|[+-]\d{4})$/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** The key as the script wrote it (keys starting with `$` travel with one extra `$`). */
function scriptKey(key: string): string {
  return key.startsWith("$$") ? key.slice(1) : key;
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function numericValue(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object" && value !== null) {
    if ("value" in value) return Number((value as { value: unknown }).value);
    if ("$decimal" in value) return Number((value as { $decimal: unknown }).$decimal);
    if ("$repr" in value)
      return Number.parseFloat(String((value as { $repr: unknown }).$repr).replace("inf", "Infinity"));
  }
  return Number.NaN;
}

/** A parsed scalar spec: type letter and optional min. */
function scalar(spec: string): { t: string; min: number | null } {
  const i = spec.indexOf(":");
  return i < 0 ? { t: spec, min: null } : { t: spec.slice(0, i), min: Number(spec.slice(i + 1)) };
}

type StructSpec = readonly ["S", readonly (readonly [string, string, number])[], readonly string[], number];
const MEMBER_INDEX = new WeakMap<
  StructSpec,
  { names: string[]; byName: Map<string, readonly [string, string, number]> }
>();

/** Member names and lookup of a structure spec, built once per spec. */
function memberIndex(spec: StructSpec): {
  names: string[];
  byName: Map<string, readonly [string, string, number]>;
} {
  let index = MEMBER_INDEX.get(spec);
  if (!index) {
    index = { names: spec[1].map((m) => m[0]), byName: new Map(spec[1].map((m) => [m[0], m] as const)) };
    MEMBER_INDEX.set(spec, index);
  }
  return index;
}

class Validator {
  readonly problems: ValidationProblem[] = [];
  dropped = 0;

  constructor(readonly shapes: Readonly<Record<string, ShapeSpec>>) {}

  report(problem: ValidationProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
    else this.dropped++;
  }

  invalidType(value: unknown, name: string, path: Path, validTypes: readonly string[], key = false): void {
    this.report({
      type: "invalid type",
      name,
      path: [...path],
      valid_types: [...validTypes],
      ...(key ? { key } : {}),
    });
    void value;
  }

  validate(
    value: unknown,
    shapeName: string,
    name: string,
    path: Path,
    hostLabel = false,
    key = false,
  ): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.dropped++;
      return;
    }
    const spec = this.shapes[shapeName];
    if (spec === undefined) return; // not in the model: nothing to check against
    if (typeof spec === "string") {
      this.scalar(value, spec, name, path, hostLabel, key);
      return;
    }
    switch (spec[0]) {
      case "L":
        this.list(value, spec, name, path);
        return;
      case "M":
        this.map(value, spec, name, path);
        return;
      case "S":
        this.structure(value, spec, name, path);
        return;
    }
  }

  scalar(value: unknown, spec: string, name: string, path: Path, hostLabel: boolean, key: boolean): void {
    const { t, min } = scalar(spec);
    const kind = pyKind(value);
    const range = (n: number, type: "invalid range" | "invalid length") => {
      const floor = min ?? (hostLabel ? 1 : null);
      if (floor !== null && n < floor) {
        this.report({ type, name, path: [...path], min_allowed: floor, ...(key ? { key } : {}) });
      }
    };
    switch (t) {
      case "s":
        if (kind !== "str") {
          this.invalidType(value, name, path, T.str, key);
          return;
        }
        range(codePointLength(value as string), "invalid length");
        return;
      case "i":
        if (kind !== "int" && kind !== "bool") {
          this.invalidType(value, name, path, T.int, key);
          return;
        }
        range(numericValue(value), "invalid range");
        return;
      case "f":
        if (kind !== "float" && kind !== "int" && kind !== "bool" && kind !== "Decimal") {
          this.invalidType(value, name, path, T.float, key);
          return;
        }
        range(numericValue(value), "invalid range");
        return;
      case "b":
        if (kind !== "bool") this.invalidType(value, name, path, T.bool, key);
        return;
      case "B":
        if (kind !== "bytes" && kind !== "str") this.invalidType(value, name, path, T.blob, key);
        return;
      case "T":
        if (parseTimestampParam(value) === null) this.invalidType(value, name, path, T.timestamp, key);
        return;
    }
  }

  list(value: unknown, spec: readonly ["L", string, number | null], name: string, path: Path): void {
    if (!Array.isArray(value)) {
      this.invalidType(value, name, path, T.list);
      return;
    }
    const [, member, min] = spec;
    if (min !== null && value.length < min) {
      this.report({ type: "invalid length", name, path: [...path], min_allowed: min });
    }
    const memberSpec = this.shapes[member];
    // botocore type-checks plain scalar items without walking them (no range checks).
    if (typeof memberSpec === "string" && !memberSpec.includes(":") && "sifb".includes(memberSpec)) {
      const valid =
        memberSpec === "s" ? T.str : memberSpec === "i" ? T.int : memberSpec === "f" ? T.float : T.bool;
      for (let i = 0; i < value.length; i++) {
        const kind = pyKind(value[i]);
        const ok =
          memberSpec === "s"
            ? kind === "str"
            : memberSpec === "i"
              ? kind === "int" || kind === "bool"
              : memberSpec === "f"
                ? kind === "float" || kind === "int" || kind === "bool" || kind === "Decimal"
                : kind === "bool";
        if (ok) continue;
        if (this.problems.length >= MAX_PROBLEMS) this.dropped++;
        else this.invalidType(value[i], `${name}[${i}]`, [...path, i], valid);
      }
      return;
    }
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      this.validate(value[i], member, `${name}[${i}]`, path);
      path.pop();
      if (this.problems.length >= MAX_PROBLEMS) return;
    }
  }

  map(value: unknown, spec: readonly ["M", string, string], name: string, path: Path): void {
    if (pyKind(value) !== "dict") {
      this.invalidType(value, name, path, T.dict);
      return;
    }
    const [, keyShape, valueShape] = spec;
    for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
      const k = scriptKey(rawKey);
      path.push(k);
      this.validate(k, keyShape, `${name} (key: ${k})`, path, false, true);
      this.validate(v, valueShape, `${name}.${k}`, path);
      path.pop();
      if (this.problems.length >= MAX_PROBLEMS) return;
    }
  }

  structure(value: unknown, spec: StructSpec, name: string, path: Path): void {
    const [, , required, kind] = spec;
    if (kind === 2) {
      this.document(value, name, path);
      return;
    }
    if (pyKind(value) !== "dict") {
      this.invalidType(value, name, path, T.dict);
      return;
    }
    let params = value as Record<string, unknown>;
    let keys = Object.keys(params);
    if (keys.some((k) => k.startsWith("$$"))) {
      const copy: Record<string, unknown> = {};
      for (const k of keys) {
        Object.defineProperty(copy, scriptKey(k), { value: params[k], enumerable: true, configurable: true });
      }
      params = copy;
      keys = Object.keys(copy);
    }
    const { names: memberNames, byName } = memberIndex(spec);
    if (kind === 1) {
      if (keys.length === 0)
        this.report({ type: "empty input", name, path: [...path], members: memberNames });
      else if (keys.length > 1) {
        this.report({ type: "more than one input", name, path: [...path], members: memberNames });
      }
    }
    for (const r of required) {
      if (!Object.hasOwn(params, r)) {
        this.report({ type: "missing required field", name, path: [...path], required_name: r });
      }
    }
    const known: (readonly [string, string, number])[] = [];
    for (const k of keys) {
      const member = byName.get(k);
      if (!member) {
        this.report({
          type: "unknown field",
          name,
          path: [...path],
          unknown_param: k,
          valid_names: memberNames,
        });
      } else known.push(member);
    }
    for (const [memberName, shape, flags] of known) {
      path.push(memberName);
      if (flags & 2) this.jsonValue(params[memberName], `${name}.${memberName}`, path);
      else this.validate(params[memberName], shape, `${name}.${memberName}`, path, (flags & 1) !== 0);
      path.pop();
      if (this.problems.length >= MAX_PROBLEMS) return;
    }
  }

  jsonValue(value: unknown, name: string, path: Path): void {
    const kind = pyKind(value);
    if (kind === "bytes" || kind === "datetime" || kind === "Decimal" || kind === "other") {
      this.report({ type: "unable to encode to json", name, path: [...path] });
    }
  }

  document(value: unknown, name: string, path: Path, depth = 0): void {
    const kind = pyKind(value);
    if (kind === "NoneType") return;
    if (depth > 64) return;
    if (kind === "dict") {
      for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
        const k = scriptKey(rawKey);
        path.push(k);
        this.document(v, k, path, depth + 1); // botocore names document members by key only
        path.pop();
      }
    } else if (kind === "list") {
      (value as unknown[]).forEach((v, i) => {
        path.push(i);
        this.document(v, `${name}[${i}]`, path, depth + 1);
        path.pop();
      });
    } else if (kind !== "str" && kind !== "int" && kind !== "bool" && kind !== "float") {
      this.report({ type: "invalid type for document", name, path: [...path], valid_types: [...T.document] });
    }
  }
}

/** The result of validating a call's params. */
export interface ValidationResult {
  problems: ValidationProblem[];
  /** Problems past {@link MAX_PROBLEMS}, counted but not listed. */
  dropped: number;
}

/**
 * Validates `params` against the input shape `inputShape` of a service's botocore shapes. An
 * operation without input accepts only empty params.
 */
export function validateParams(
  params: Record<string, unknown>,
  shapes: Readonly<Record<string, ShapeSpec>>,
  inputShape: string | null,
): ValidationResult {
  const v = new Validator(shapes);
  if (inputShape === null) {
    for (const k of Object.keys(params)) {
      v.report({ type: "unknown field", name: "", path: [], unknown_param: k, valid_names: [] });
    }
  } else {
    v.validate(params, inputShape, "", []);
  }
  return { problems: v.problems, dropped: v.dropped };
}

function displayName(name: string): string {
  if (!name) return "input";
  return name.startsWith(".") ? name.slice(1) : name;
}

function valueAt(params: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = params;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    const obj = cur as Record<string | number, unknown>;
    // Keys starting with `$` travel with one extra `$`.
    cur = typeof p === "string" && p.startsWith("$") && Object.hasOwn(obj, `$${p}`) ? obj[`$${p}`] : obj[p];
  }
  return cur;
}

/**
 * botocore's report text for the problems (`ValidationErrors.generate_report`), with values rendered
 * as Python would from the encoded params (the sandbox re-renders with the script's own objects).
 */
export function renderReport(params: Record<string, unknown>, result: ValidationResult): string {
  const lines = result.problems.map((p) => {
    const name = displayName(p.name);
    const at = p.key ? p.path.at(-1) : valueAt(params, p.path);
    switch (p.type) {
      case "missing required field":
        return `Missing required parameter in ${name}: "${p.required_name}"`;
      case "unknown field":
        return `Unknown parameter in ${name}: "${p.unknown_param}", must be one of: ${(p.valid_names ?? []).join(", ")}`;
      case "invalid type":
        return `Invalid type for parameter ${name}, value: ${pyStr(at)}, type: ${pyTypeName(at)}, valid types: ${(p.valid_types ?? []).join(", ")}`;
      case "invalid range":
        return `Invalid value for parameter ${name}, value: ${pyStr(at)}, valid min value: ${p.min_allowed}`;
      case "invalid length": {
        const len = typeof at === "string" ? codePointLength(at) : Array.isArray(at) ? at.length : 0;
        return `Invalid length for parameter ${name}, value: ${len}, valid min length: ${p.min_allowed}`;
      }
      case "invalid type for document":
        return `Invalid type for document parameter ${name}, value: ${pyStr(at)}, type: ${pyTypeName(at)}, valid types: ${(p.valid_types ?? []).join(", ")}`;
      case "unable to encode to json":
        return `Invalid parameter ${name} must be json serializable: Object of type ${pyTypeName(at).slice(8, -2)} is not JSON serializable`;
      case "more than one input":
        return `Invalid number of parameters set for tagged union structure ${name}. Can only set one of the following keys: ${(p.members ?? []).join(", ")}.`;
      case "empty input":
        return `Must set one of the following keys for tagged unionstructure ${name}: ${(p.members ?? []).join(", ")}.`;
    }
    return "";
  });
  if (result.dropped > 0) lines.push(`(${result.dropped} more problems not listed)`);
  return lines.join("\n");
}
