/**
 * What an agent reads about one operation: members as a tree bounded in depth and size, a boto3
 * example call built from the required members, and the Markdown text used both by the
 * `describe_aws_operation` tool and by `help(client.method)` in the sandbox.
 */
import type { Member, ServiceDoc, TypeRef } from "./model.js";

/** Members nested deeper than this are named but not expanded. */
export const DEFAULT_MEMBER_DEPTH = 3;
/** Most member entries rendered per side (input or output), across all depths. */
export const MAX_MEMBER_ENTRIES = 300;

/** One member as shown to an agent. */
export interface MemberView {
  name: string;
  /** `string`, `number`, `boolean`, `blob`, `streaming blob`, `timestamp`, `list of Tag`, `map of string to string`, `Tag` (a structure), ... */
  type: string;
  required: boolean;
  enum?: string[];
  doc?: string;
  /** Members of a structure (or of a list's/map's structure values), up to the depth bound. */
  members?: MemberView[];
  /** True when the structure has members that the depth or size bound left out. */
  truncated?: boolean;
}

function typeName(ref: TypeRef, doc: ServiceDoc): string {
  switch (ref.t) {
    case "list":
      return `list of ${typeName(ref.v, doc)}`;
    case "map":
      return `map of ${typeName(ref.k, doc)} to ${typeName(ref.v, doc)}`;
    case "ref":
      return doc.shapes[ref.n]?.kind === "union" ? `${ref.n} (union: set exactly one member)` : ref.n;
    case "streaming":
      return "streaming blob";
    default:
      return ref.t;
  }
}

/** The structure a type eventually holds (through lists and map values). */
function innerStructure(ref: TypeRef): string | null {
  if (ref.t === "ref") return ref.n;
  if (ref.t === "list") return innerStructure(ref.v);
  if (ref.t === "map") return innerStructure(ref.v);
  return null;
}

/** Member views of a structure, depth-first, bounded by `depth` and a shared entry budget. */
export function memberViews(
  doc: ServiceDoc,
  shapeName: string | null,
  depth = DEFAULT_MEMBER_DEPTH,
  budget = { left: MAX_MEMBER_ENTRIES },
  seen: ReadonlySet<string> = new Set(),
): MemberView[] {
  const shape = shapeName ? doc.shapes[shapeName] : undefined;
  if (!shape || !shapeName) return [];
  const out: MemberView[] = [];
  const path = new Set(seen).add(shapeName);
  for (const m of shape.members) {
    if (budget.left <= 0) break;
    budget.left--;
    out.push(memberView(doc, m, depth, budget, path));
  }
  return out;
}

function memberView(
  doc: ServiceDoc,
  m: Member,
  depth: number,
  budget: { left: number },
  seen: ReadonlySet<string>,
): MemberView {
  const view: MemberView = { name: m.n, type: typeName(m.s, doc), required: m.r === true };
  const values = enumValues(m.s);
  if (values) view.enum = values;
  if (m.d) view.doc = m.d;
  const inner = innerStructure(m.s);
  if (inner) {
    // A recursive shape (a structure that contains itself) is named, never expanded again.
    if (depth > 1 && !seen.has(inner) && budget.left > 0) {
      view.members = memberViews(doc, inner, depth - 1, budget, seen);
      const total = doc.shapes[inner]?.members.length ?? 0;
      if (view.members.length < total) view.truncated = true;
    } else {
      view.truncated = true;
    }
  }
  return view;
}

function enumValues(ref: TypeRef): string[] | undefined {
  if (ref.t === "string") return ref.e;
  if (ref.t === "list") return enumValues(ref.v);
  return undefined;
}

function exampleValue(doc: ServiceDoc, name: string, ref: TypeRef, depth: number): string {
  switch (ref.t) {
    case "string":
      return JSON.stringify(
        ref.e?.[0] ?? `example-${name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`,
      );
    case "number":
      return "1";
    case "boolean":
      return "True";
    case "blob":
    case "streaming":
      return 'b"..."';
    case "timestamp":
      return "datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)";
    case "document":
      return "{}";
    case "list":
      return `[${exampleValue(doc, name, ref.v, depth)}]`;
    case "map":
      return `{${exampleValue(doc, "key", ref.k, depth)}: ${exampleValue(doc, name, ref.v, depth)}}`;
    case "ref": {
      const shape = doc.shapes[ref.n];
      if (!shape || depth <= 0) return "{...}";
      const members =
        shape.kind === "union" ? shape.members.slice(0, 1) : shape.members.filter((m) => m.r === true);
      const items = members.map((m) => `${JSON.stringify(m.n)}: ${exampleValue(doc, m.n, m.s, depth - 1)}`);
      return `{${items.join(", ")}}`;
    }
  }
}

/** Paginator facts shown to an agent (tokens as botocore names them). */
export interface PaginatorView {
  inputToken: string;
  outputToken: string;
  pageSizeKey: string | null;
}

/** A boto3 example call: the required parameters with placeholder values, paginated when it can be. */
export function boto3Example(doc: ServiceDoc, operation: string, paginator: PaginatorView | null): string {
  const op = doc.operations[operation];
  if (!op) return "";
  const input = op.input ? doc.shapes[op.input] : undefined;
  const required = (input?.members ?? []).filter((m) => m.r === true);
  const args = required.map((m) => `${m.n}=${exampleValue(doc, m.n, m.s, 2)}`).join(", ");
  const client = doc.service.replace(/[^a-z0-9]/g, "_");
  const lines = ["import boto3", "", `${client} = boto3.client(${JSON.stringify(doc.service)})`];
  if (paginator) {
    lines.push(
      `for page in ${client}.get_paginator(${JSON.stringify(op.method)}).paginate(${args}):`,
      "    ...  # each page is one response dict",
    );
  } else {
    lines.push(`response = ${client}.${op.method}(${args})`);
  }
  if (lines.some((l) => l.includes("datetime."))) lines.unshift("import datetime");
  return lines.join("\n");
}

function renderMembers(views: readonly MemberView[], indent: string, out: string[]): void {
  for (const v of views) {
    const req = v.required ? ", **required**" : "";
    const values = v.enum ? `; one of: ${v.enum.map((e) => `\`${e}\``).join(", ")}` : "";
    const doc = v.doc ? ` — ${v.doc}` : "";
    out.push(`${indent}- \`${v.name}\` (${v.type}${req}${values})${doc}`);
    if (v.members) renderMembers(v.members, `${indent}  `, out);
    else if (v.truncated) out.push(`${indent}  - … (nested members: describe with a larger depth)`);
  }
}

/** Everything `describeText` renders. */
export interface OperationText {
  doc: ServiceDoc;
  operation: string;
  input: readonly MemberView[];
  output: readonly MemberView[];
  paginator: PaginatorView | null;
  waiters: readonly string[];
  example: string;
  /** Lines about IAM (actions, whether this principal may call it), added by the caller. */
  access?: readonly string[];
}

/** The Markdown text of an operation (the describe tool's text and Python's `__doc__`). */
export function describeText(t: OperationText): string {
  const op = t.doc.operations[t.operation];
  if (!op) return "";
  const out = [`# ${t.doc.service}.${op.method} (${op.name}) — ${t.doc.title}`, ""];
  if (op.deprecated) out.push("**Deprecated.**", "");
  out.push(op.summary, "");
  if (t.access?.length) out.push(...t.access, "");
  out.push("## Parameters", "");
  if (t.input.length === 0) out.push("(none)");
  renderMembers(t.input, "", out);
  out.push("", "## Response", "");
  if (t.output.length === 0) out.push("(no members besides ResponseMetadata)");
  renderMembers(t.output, "", out);
  if (t.paginator) {
    const size = t.paginator.pageSizeKey ? `, page size \`${t.paginator.pageSizeKey}\`` : "";
    out.push(
      "",
      "## Pagination",
      "",
      `\`client.get_paginator("${op.method}")\` — input token \`${t.paginator.inputToken}\`, output token \`${t.paginator.outputToken}\`${size}.`,
    );
  }
  if (t.waiters.length > 0) {
    out.push("", "## Waiters", "", t.waiters.map((w) => `\`client.get_waiter("${w}")\``).join(", "));
  }
  out.push("", "## Example", "", "```python", t.example, "```", "", "## Documentation", "", op.doc);
  return out.join("\n");
}
