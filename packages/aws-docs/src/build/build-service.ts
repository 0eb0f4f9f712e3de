/**
 * One service's documentation file, from its installed SDK v3 client package: operation docs from the
 * command classes' TSDoc, members from the operation schemas, enums and member docs from the models.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { boto3MethodName } from "../boto3-name.js";
import type { DocService } from "../catalog.js";
import type { OperationDoc, ServiceDoc } from "../model.js";
import { readPackageDts } from "./dts.js";
import { firstSentences, htmlToMarkdown, markdownToPlain } from "./markdown.js";
import { ShapeCollector } from "./schema.js";

const require = createRequire(import.meta.url);

/** Longest operation documentation kept, in characters of Markdown (S3's longest are ~20k). */
export const MAX_OPERATION_DOC_CHARS = 12_000;

/** An operation schema export: `[9, namespace, name, traits, () => input, () => output]`. */
function operationSchema(mod: object, op: string): [unknown, unknown] | null {
  const value: unknown = Object.getOwnPropertyDescriptor(mod, `${op}$`)?.value;
  if (!Array.isArray(value) || value[0] !== 9) return null;
  const input = value[4];
  const output = value[5];
  if (typeof input !== "function" || typeof output !== "function") return null;
  return [(input as () => unknown)(), (output as () => unknown)()];
}

/** `AWS SDK for JavaScript Config Service Client for Node.js, ...` → `Config Service`. */
function titleOf(description: string, fallback: string): string {
  const m = /^AWS SDK for JavaScript (.+?) Client for/.exec(description);
  return m?.[1] ?? fallback;
}

/** The package directory of an installed client package. */
export function packageDir(packageName: string): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}

/** Reads one service's package and returns its documentation. */
export async function buildServiceDoc(service: DocService): Promise<ServiceDoc> {
  const dir = packageDir(service.packageName);
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, "utf8")) as {
    version: string;
    description?: string;
  };
  const dts = readPackageDts(dir);
  const mod = await service.load();
  const collector = new ShapeCollector(dts);
  const operations: Record<string, OperationDoc> = {};
  for (const [op, cmd] of [...dts.commands].sort(([a], [b]) => a.localeCompare(b))) {
    const schema = operationSchema(mod, op);
    if (!schema) continue;
    let doc = htmlToMarkdown(cmd.doc);
    if (doc.length > MAX_OPERATION_DOC_CHARS) {
      doc = `${doc.slice(0, MAX_OPERATION_DOC_CHARS)}\n\n… (documentation shortened)`;
    }
    if (cmd.errors.length > 0) doc += `\n\n**Errors:** ${cmd.errors.map((e) => `\`${e}\``).join(", ")}`;
    operations[op] = {
      name: op,
      method: boto3MethodName(op),
      summary: firstSentences(markdownToPlain(htmlToMarkdown(cmd.doc)), 240),
      doc,
      input: collector.structure(schema[0]),
      output: collector.structure(schema[1]),
      ...(cmd.deprecated ? { deprecated: true } : {}),
    };
  }
  return {
    service: service.name,
    title: titleOf(pkg.description ?? "", service.name),
    iamPrefix: service.iamPrefix,
    packageName: service.packageName,
    packageVersion: pkg.version,
    operations,
    waiters: Object.fromEntries(
      [...dts.waiters].filter(([, op]) => op in operations).map(([name, op]) => [boto3MethodName(name), op]),
    ),
    shapes: collector.shapes,
  };
}
