/**
 * The documentation index at run time: full-text search over every operation of every service the
 * bridge can call (MiniSearch, loaded once from the build's serialized index), and one operation's
 * description (members, paginator, waiters, a boto3 example) from the service's documentation file,
 * loaded on first use.
 *
 * @example
 * ```ts
 * const docs = await DocsIndex.open();
 * docs.search({ query: "which buckets block public access", limit: 3 });
 * const d = await docs.describe({ service: "s3", operation: "list_objects_v2" });
 * ```
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import {
  AwsBridgeError,
  closestMatches,
  operationKey,
  type PaginatorInfo,
  paginatorInfo,
  resolveService,
} from "@runscript/aws-bridge";
import MiniSearch from "minisearch";
import { DATA_FILES, type Manifest, ManifestSchema, type ServiceDoc } from "./model.js";
import {
  boto3Example,
  DEFAULT_MEMBER_DEPTH,
  describeText,
  type MemberView,
  memberViews,
  type PaginatorView,
} from "./render.js";
import { MINISEARCH_OPTIONS, queryOptions, type SearchDocument } from "./search-options.js";

/** Where `npm run build` writes the index (the package's `data/`, beside `src/` and `dist/`). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));

/** Most results one search returns. */
export const MAX_SEARCH_LIMIT = 25;
/** Deepest member nesting a description expands. */
export const MAX_MEMBER_DEPTH = 6;

/** One search result. */
export interface SearchHit {
  service: string;
  operation: string;
  /** boto3 method name. */
  method: string;
  summary: string;
  score: number;
}

/** What the caller knows about access (IAM actions, this principal's policy), shown with a description. */
export interface AccessNote {
  /** IAM actions AWS authorizes the operation as (`s3:ListBucket` for `ListObjectsV2`). */
  actions: string[];
  /** Whether this principal's policy allows the call (null when not known). */
  allowed: boolean | null;
  /** One line: why (the statement that decided). */
  detail: string;
}

/** One operation, described. */
export interface OperationDescription {
  service: string;
  title: string;
  operation: string;
  method: string;
  summary: string;
  deprecated: boolean;
  documentation: string;
  input: MemberView[];
  output: MemberView[];
  paginator: PaginatorView | null;
  waiters: string[];
  example: string;
  access: AccessNote | null;
  /** The whole description as Markdown (the tool's text, and Python's `__doc__`). */
  text: string;
}

/** Options of {@link DocsIndex.describe}. */
export interface DescribeOptions {
  service: string;
  operation: string;
  /** Member nesting to expand (default 3, at most 6). */
  depth?: number | undefined;
  /** Adds what the caller knows about access to the description. */
  access?: ((service: { name: string; iamPrefix: string }, operation: string) => AccessNote) | undefined;
}

/** The loaded index. */
export class DocsIndex {
  readonly manifest: Manifest;
  readonly #dir: string;
  readonly #search: MiniSearch<SearchDocument>;
  readonly #services = new Map<string, Promise<ServiceDoc>>();
  readonly #paginator: (service: string, operation: string) => PaginatorInfo | null;

  private constructor(
    dir: string,
    manifest: Manifest,
    search: MiniSearch<SearchDocument>,
    paginator: (service: string, operation: string) => PaginatorInfo | null,
  ) {
    this.#dir = dir;
    this.manifest = manifest;
    this.#search = search;
    this.#paginator = paginator;
  }

  /**
   * Opens the index written by the build. Throws `InternalError` when it is missing (run `npm run build`).
   * `paginator` answers how an operation paginates (default: the bridge's table).
   */
  static async open(
    opts: { dataDir?: string; paginator?: (service: string, operation: string) => PaginatorInfo | null } = {},
  ): Promise<DocsIndex> {
    const dir = opts.dataDir ?? DEFAULT_DATA_DIR;
    let manifestText: string;
    let searchText: string;
    try {
      [manifestText, searchText] = await Promise.all([
        readFile(`${dir}/${DATA_FILES.manifest}`, "utf8"),
        readFile(`${dir}/${DATA_FILES.search}`, "utf8"),
      ]);
    } catch (cause) {
      throw new AwsBridgeError(
        "InternalError",
        "the AWS API documentation index is missing: build it with `npm run build`",
        { cause },
      );
    }
    const manifest = ManifestSchema.parse(JSON.parse(manifestText));
    const search = MiniSearch.loadJSON<SearchDocument>(searchText, MINISEARCH_OPTIONS);
    return new DocsIndex(dir, manifest, search, opts.paginator ?? paginatorInfo);
  }

  /** The services in the index, with their titles and operation counts. */
  services(): Manifest["services"] {
    return this.manifest.services;
  }

  #canonicalService(name: string): string {
    const service = resolveService(name).name;
    if (!this.manifest.services.some((s) => s.service === service)) {
      throw new AwsBridgeError(
        "InternalError",
        `the documentation index has no entry for '${service}': rebuild it with \`npm run build\``,
      );
    }
    return service;
  }

  /** Ranked operations for a free-text query, optionally within one service. */
  search(opts: { query: string; service?: string | undefined; limit?: number | undefined }): SearchHit[] {
    const limit = Math.min(Math.max(1, opts.limit ?? 5), MAX_SEARCH_LIMIT);
    const service = opts.service ? this.#canonicalService(opts.service) : undefined;
    const query = opts.query.slice(0, 500);
    const results = this.#search.search(query, {
      ...queryOptions(query),
      ...(service ? { filter: (r) => r.service === service } : {}),
    });
    return results.slice(0, limit).map((r) => ({
      service: String(r.service),
      operation: String(r.operation),
      method: String(r.method),
      summary: String(r.summary),
      score: Math.round(r.score * 100) / 100,
    }));
  }

  #serviceDoc(service: string): Promise<ServiceDoc> {
    let pending = this.#services.get(service);
    if (!pending) {
      // The build's own output, written by `buildIndex` with the same schema: checked for identity,
      // not re-validated member by member (EC2's file is 3 MB; a full zod pass costs ~1 s).
      pending = readFile(`${this.#dir}/${DATA_FILES.service(service)}`, "utf8").then((text) => {
        const doc = JSON.parse(text) as ServiceDoc;
        if (doc?.service !== service || typeof doc.operations !== "object") {
          throw new AwsBridgeError(
            "InternalError",
            `the documentation file of ${service} is damaged; rebuild it`,
          );
        }
        return doc;
      });
      pending.catch(() => this.#services.delete(service));
      this.#services.set(service, pending);
    }
    return pending;
  }

  /** Resolves an operation name as a script writes it (`list_objects_v2`, `ListObjectsV2`). */
  #resolveOperation(doc: ServiceDoc, name: string): string {
    const key = operationKey(name);
    const byKey = new Map(Object.keys(doc.operations).map((op) => [operationKey(op), op]));
    const found = byKey.get(key);
    if (found) return found;
    const near = closestMatches(key, byKey.keys(), (k) => byKey.get(k) ?? k);
    const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(", ")}?` : "";
    throw new AwsBridgeError(
      "UnknownOperation",
      `Unknown operation '${name.slice(0, 128)}' for service ${doc.service}.${hint}`,
    );
  }

  /** The text Python's `help(client.method)` shows (the description's Markdown, without access lines). */
  async docText(service: string, operation: string): Promise<string> {
    return (await this.describe({ service, operation })).text;
  }

  /** One operation: documentation, members, paginator, waiters, example, and access if given. */
  async describe(opts: DescribeOptions): Promise<OperationDescription> {
    const service = this.#canonicalService(opts.service);
    const doc = await this.#serviceDoc(service);
    const operation = this.#resolveOperation(doc, opts.operation);
    const op = doc.operations[operation];
    if (!op) throw new AwsBridgeError("UnknownOperation", `Unknown operation '${operation}'`);
    const depth = Math.min(Math.max(1, opts.depth ?? DEFAULT_MEMBER_DEPTH), MAX_MEMBER_DEPTH);
    const input = memberViews(doc, op.input, depth);
    const output = memberViews(doc, op.output, depth);
    const info = this.#paginator(service, operation);
    const tokens = (t: string | string[]) => (Array.isArray(t) ? t.join(", ") : t);
    const paginator: PaginatorView | null = info
      ? {
          inputToken: tokens(info.input_token),
          outputToken: tokens(info.output_token),
          pageSizeKey: info.limit_key ?? null,
        }
      : null;
    const waiters = Object.entries(doc.waiters)
      .filter(([, target]) => target === operation)
      .map(([name]) => name)
      .sort();
    const example = boto3Example(doc, operation, paginator);
    const access = opts.access ? opts.access({ name: service, iamPrefix: doc.iamPrefix }, operation) : null;
    const accessLines = access
      ? [
          `**IAM:** ${access.actions.map((a) => `\`${a}\``).join(", ")}` +
            (access.allowed === null ? "" : ` — ${access.allowed ? "allowed" : "denied"} for this agent`) +
            (access.detail ? ` (${access.detail})` : ""),
        ]
      : [];
    const text = describeText({
      doc,
      operation,
      input,
      output,
      paginator,
      waiters,
      example,
      access: accessLines,
    });
    return {
      service,
      title: doc.title,
      operation,
      method: op.method,
      summary: op.summary,
      deprecated: op.deprecated === true,
      documentation: op.doc,
      input,
      output,
      paginator,
      waiters,
      example,
      access,
      text,
    };
  }
}
