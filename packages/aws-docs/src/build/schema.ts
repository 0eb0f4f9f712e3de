/**
 * Walks the SDK v3 operation schemas (`Operation$` exports, read through `NormalizedSchema` from
 * `@smithy/core/schema`) into the index's shape table: member names, types, required flags, with
 * documentation and enum values from the package's `dist-types`.
 */
import { NormalizedSchema } from "@smithy/core/schema";
import type { Member, Shape, TypeRef } from "../model.js";
import { enumOfType, type PackageDts } from "./dts.js";
import { firstSentences, htmlToMarkdown, markdownToPlain } from "./markdown.js";

/** Longest member description kept (plain text); the operation doc carries the long form. */
const MEMBER_DOC_CHARS = 320;

/** The raw static structure schema is `[3, namespace, name, traits, memberNames, memberSchemas, requiredCount?]`. */
function requiredCount(ns: NormalizedSchema): number {
  const raw = ns.getSchema() as unknown;
  if (Array.isArray(raw) && typeof raw[6] === "number") return raw[6];
  return 0;
}

/** Builds shapes for one service; shared across its operations. */
export class ShapeCollector {
  readonly shapes: Record<string, Shape> = {};
  readonly #dts: PackageDts;

  constructor(dts: PackageDts) {
    this.#dts = dts;
  }

  /** Adds a structure schema (and everything it references); returns its name, or null when empty. */
  structure(schema: unknown): string | null {
    const ns = NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
    if (ns.isUnitSchema() || !(ns.isStructSchema() || ns.isUnionSchema())) return null;
    const ref = this.#type(ns, undefined);
    return ref.t === "ref" ? ref.n : null;
  }

  #type(ns: NormalizedSchema, declared: string | undefined): TypeRef {
    if (ns.isStructSchema() || ns.isUnionSchema()) {
      const name = ns.getName() ?? "Anonymous";
      if (!(name in this.shapes)) {
        const shape: Shape = { kind: ns.isUnionSchema() ? "union" : "structure", members: [] };
        this.shapes[name] = shape;
        const required = ns.isStructSchema() ? requiredCount(ns) : 0;
        const docs = this.#dts.members.get(name);
        let i = 0;
        for (const [memberName, member] of ns.structIterator()) {
          const dts = docs?.get(memberName);
          const entry: Member = { n: memberName, s: this.#type(member, dts?.type) };
          if (i < required) entry.r = true;
          const doc = dts?.doc
            ? firstSentences(markdownToPlain(htmlToMarkdown(dts.doc)), MEMBER_DOC_CHARS)
            : "";
          if (doc) entry.d = doc;
          shape.members.push(entry);
          i++;
        }
      }
      return { t: "ref", n: name };
    }
    if (ns.isListSchema()) return { t: "list", v: this.#type(ns.getValueSchema(), declared) };
    if (ns.isMapSchema()) {
      return {
        t: "map",
        k: this.#type(ns.getKeySchema(), undefined),
        v: this.#type(ns.getValueSchema(), declared),
      };
    }
    if (ns.isBlobSchema()) return { t: ns.isStreaming() ? "streaming" : "blob" };
    if (ns.isTimestampSchema()) return { t: "timestamp" };
    if (ns.isBooleanSchema()) return { t: "boolean" };
    if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return { t: "number" };
    if (ns.isDocumentSchema()) return { t: "document" };
    const values = declared ? enumOfType(declared, this.#dts.enums) : undefined;
    return values ? { t: "string", e: values } : { t: "string" };
  }
}
