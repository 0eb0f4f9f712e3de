/**
 * Reads the documentation the SDK v3 code generator writes into a client package's `dist-types`:
 * TSDoc comments (HTML inside) on command classes and on model interface members, member type texts
 * (which name the enum a string member takes), and enum constants.
 *
 * The files are generated with one fixed layout (4-space indentation, one member per line), which is
 * what this line-based reader relies on; anything it does not recognise is skipped, never guessed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A member's documentation (HTML) and its declared TypeScript type text. */
export interface MemberDts {
  doc: string;
  type: string;
}

/** What a client package's `dist-types` say. */
export interface PackageDts {
  /** Command documentation (HTML, before the first tag), by operation name. */
  commands: Map<string, CommandDts>;
  /** Interface name → member name → doc and type. */
  members: Map<string, Map<string, MemberDts>>;
  /** Enum name → its values. */
  enums: Map<string, string[]>;
  /** The client class's documentation (HTML). */
  clientDoc: string;
  /** SDK waiter name (`BucketExists`) → the operation it polls (from `dist-es/waiters`). */
  waiters: Map<string, string>;
}

export interface CommandDts {
  doc: string;
  deprecated: boolean;
  /** Modeled errors the operation can raise (from `@throws {@link X}`), without the service base class. */
  errors: string[];
}

/** The text of a `/** ... *\/` block without the leading ` * `. */
function commentText(lines: readonly string[]): string[] {
  return lines.map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, "").replace(/\s*\*\/\s*$/, ""));
}

/** Splits a comment into its description (before the first `@tag`) and its tag lines. */
function splitTags(text: readonly string[]): { description: string; tags: string[] } {
  const i = text.findIndex((l) => /^@\w/.test(l));
  const head = i < 0 ? text : text.slice(0, i);
  return { description: head.join("\n").trim(), tags: i < 0 ? [] : text.slice(i) };
}

/** Iterates over the comment blocks of a file, each with the first code line after it. */
function* commented(source: string): Generator<{ comment: string[]; next: string }> {
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!line.trimStart().startsWith("/**")) continue;
    const start = i;
    while (i < lines.length && !(lines[i] ?? "").includes("*/")) i++;
    const comment = commentText(lines.slice(start, i + 1));
    yield { comment, next: lines[i + 1] ?? "" };
  }
}

function readCommands(dir: string): Map<string, CommandDts> {
  const out = new Map<string, CommandDts>();
  for (const file of readdirSync(join(dir, "commands"))) {
    const m = /^([A-Z][A-Za-z0-9]*)Command\.d\.ts$/.exec(file);
    if (!m?.[1]) continue;
    const op = m[1];
    const source = readFileSync(join(dir, "commands", file), "utf8");
    for (const { comment, next } of commented(source)) {
      if (!next.startsWith(`export declare class ${op}Command `)) continue;
      const { description, tags } = splitTags(comment);
      const errors = tags
        .map((t) => /^@throws \{@link (\w+)\}/.exec(t)?.[1])
        .filter((e): e is string => !!e && !e.endsWith("ServiceException"));
      out.set(op, { doc: description, deprecated: tags.some((t) => t.startsWith("@deprecated")), errors });
    }
  }
  return out;
}

const INTERFACE = /^export interface (\w+)\s*(?:extends [^{]+)?\{/;
const MEMBER = /^ {4}(\w+)\??: (.+);$/;
const ENUM_START = /^export declare const (\w+): \{$/;
const ENUM_VALUE = /^ {4}readonly \w+: "([^"]*)";$/;

function readModels(dir: string, members: PackageDts["members"], enums: PackageDts["enums"]): void {
  const modelsDir = join(dir, "models");
  for (const file of readdirSync(modelsDir)) {
    if (!file.endsWith(".d.ts")) continue;
    const lines = readFileSync(join(modelsDir, file), "utf8").split("\n");
    let iface: Map<string, MemberDts> | null = null;
    let enumValues: string[] | null = null;
    let doc: string[] = [];
    let inComment = false;
    for (const line of lines) {
      if (inComment) {
        doc.push(line);
        if (line.includes("*/")) inComment = false;
        continue;
      }
      if (line.trimStart().startsWith("/**")) {
        doc = [line];
        inComment = !line.includes("*/");
        continue;
      }
      const i = INTERFACE.exec(line);
      if (i?.[1]) {
        iface = new Map();
        members.set(i[1], iface);
        doc = [];
        continue;
      }
      const e = ENUM_START.exec(line);
      if (e?.[1]) {
        enumValues = [];
        enums.set(e[1], enumValues);
        continue;
      }
      if (line.startsWith("}")) {
        iface = null;
        enumValues = null;
        continue;
      }
      if (enumValues) {
        const v = ENUM_VALUE.exec(line);
        if (v?.[1] !== undefined) enumValues.push(v[1]);
        continue;
      }
      if (iface) {
        const m = MEMBER.exec(line);
        if (m?.[1] && m[2]) {
          iface.set(m[1], { doc: splitTags(commentText(doc)).description, type: m[2] });
        }
        doc = [];
      }
    }
  }
}

function readClientDoc(dir: string): string {
  for (const file of readdirSync(dir)) {
    if (!file.endsWith("Client.d.ts")) continue;
    const source = readFileSync(join(dir, file), "utf8");
    for (const { comment, next } of commented(source)) {
      if (next.startsWith("export declare class ")) return splitTags(comment).description;
    }
  }
  return "";
}

function readWaiters(packageDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(packageDir, "dist-es", "waiters");
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return out;
  }
  for (const file of files) {
    const name = /^waitFor(\w+)\.js$/.exec(file)?.[1];
    if (!name) continue;
    const op = /import \{ (\w+)Command,? \} from "\.\.\/commands\//.exec(
      readFileSync(join(dir, file), "utf8"),
    )?.[1];
    if (op) out.set(name, op);
  }
  return out;
}

/** Reads a client package's `dist-types` directory (and its waiters from `dist-es`). */
export function readPackageDts(packageDir: string): PackageDts {
  const dir = join(packageDir, "dist-types");
  const members: PackageDts["members"] = new Map();
  const enums: PackageDts["enums"] = new Map();
  readModels(dir, members, enums);
  return {
    commands: readCommands(dir),
    members,
    enums,
    clientDoc: readClientDoc(dir),
    waiters: readWaiters(packageDir),
  };
}

/**
 * The enum a member's declared type names, if any: `EncodingType | undefined` → `EncodingType`,
 * `(ObjectAttributes)[] | undefined` → `ObjectAttributes`.
 */
export function enumOfType(type: string, enums: ReadonlyMap<string, string[]>): string[] | undefined {
  for (const word of type.match(/[A-Za-z_]\w*/g) ?? []) {
    const values = enums.get(word);
    if (values) return values;
  }
  return undefined;
}
