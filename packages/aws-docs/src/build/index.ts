/**
 * The index build (run by `npm run build`): one documentation file per service and one MiniSearch
 * index over every operation, written to a data directory with a manifest of sizes and build time.
 * Skipped when the inputs (package names and versions) are unchanged.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isReadOperation } from "@runscript/aws-bridge";
import MiniSearch from "minisearch";
import type { DocService } from "../catalog.js";
import { DATA_FILES, type Manifest, ManifestSchema, type ServiceDoc } from "../model.js";
import { MINISEARCH_OPTIONS, type SearchDocument, splitIdentifier } from "../search-options.js";
import { buildServiceDoc, packageDir } from "./build-service.js";
import { markdownToPlain } from "./markdown.js";

/** Bump when the stored format or the search fields change (forces a rebuild). */
export const INDEX_FORMAT_VERSION = 2;

/** Characters of documentation text indexed per operation beyond the summary. */
const BODY_CHARS = 700;

function inputKey(services: readonly DocService[]): string {
  const parts = services.map((s) => {
    const pkg = JSON.parse(readFileSync(join(packageDir(s.packageName), "package.json"), "utf8")) as {
      version: string;
    };
    return `${s.name}=${s.packageName}@${pkg.version}`;
  });
  return createHash("sha256")
    .update(`v${INDEX_FORMAT_VERSION}\n${parts.sort().join("\n")}`)
    .digest("hex");
}

function searchDocuments(doc: ServiceDoc, aliases: readonly string[]): SearchDocument[] {
  const serviceText = [doc.service, ...aliases, doc.title, doc.iamPrefix].join(" ");
  return Object.values(doc.operations).map((op) => {
    const input = op.input ? doc.shapes[op.input] : undefined;
    const output = op.output ? doc.shapes[op.output] : undefined;
    return {
      id: `${doc.service}.${op.name}`,
      service: doc.service,
      operation: op.name,
      method: op.method,
      name: `${splitIdentifier(op.name)} ${op.method.replace(/_/g, " ")}`,
      serviceText,
      summary: op.summary,
      params: (input?.members ?? []).map((m) => splitIdentifier(m.n)).join(" "),
      returns: (output?.members ?? []).map((m) => splitIdentifier(m.n)).join(" "),
      read: isReadOperation(doc.iamPrefix, op.name),
      body: markdownToPlain(op.doc).slice(op.summary.length, op.summary.length + BODY_CHARS),
    };
  });
}

/** Options of {@link buildIndex}. */
export interface BuildIndexOptions {
  services: readonly DocService[];
  outDir: string;
  /** Rebuild even when the inputs are unchanged. */
  force?: boolean;
}

/** Builds (or keeps, when up to date) the index in `outDir`; returns its manifest. */
export async function buildIndex(opts: BuildIndexOptions): Promise<{ manifest: Manifest; rebuilt: boolean }> {
  const key = inputKey(opts.services);
  const outDir = resolve(opts.outDir);
  const manifestPath = join(outDir, DATA_FILES.manifest);
  if (!opts.force && existsSync(manifestPath)) {
    const old = ManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, "utf8")));
    if (old.success && old.data.inputKey === key) return { manifest: old.data, rebuilt: false };
  }
  const started = performance.now();
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const search = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS);
  const services: Manifest["services"] = [];
  let operations = 0;
  let totalBytes = 0;
  for (const service of opts.services) {
    const doc = await buildServiceDoc(service);
    const json = JSON.stringify(doc);
    writeFileSync(join(tmp, DATA_FILES.service(doc.service)), json);
    search.addAll(searchDocuments(doc, service.aliases));
    const count = Object.keys(doc.operations).length;
    operations += count;
    totalBytes += Buffer.byteLength(json);
    services.push({
      service: doc.service,
      title: doc.title,
      operations: count,
      bytes: Buffer.byteLength(json),
    });
  }
  const searchJson = JSON.stringify(search);
  writeFileSync(join(tmp, DATA_FILES.search), searchJson);
  totalBytes += Buffer.byteLength(searchJson);
  const manifest: Manifest = {
    inputKey: key,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
    services,
    operations,
    searchIndexBytes: Buffer.byteLength(searchJson),
    totalBytes,
  };
  writeFileSync(join(tmp, DATA_FILES.manifest), JSON.stringify(manifest, null, 2));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return { manifest, rebuilt: true };
}
