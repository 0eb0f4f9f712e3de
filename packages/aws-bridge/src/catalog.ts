/**
 * The service catalog: every AWS service a script may call is an `@aws-sdk/client-*` package
 * installed next to the bridge, named the way boto3 names it.
 *
 * The catalog is built on first use by scanning the installed SDK v3 client packages (each package's
 * `serviceId` is read from its runtime config, a small file) and joining them with botocore's
 * service index (`botocore-data.ts`), whose `serviceId` -> boto3 name table covers every service
 * boto3 knows. Nothing is hand-listed: `npm install @aws-sdk/client-<x>` adds a service with no code
 * change. A package's module is imported only when the service is first called.
 *
 * A service boto3 knows but that is not installed answers `UnknownService` naming the npm package
 * to install. Caller strings are only ever keys into these tables; the package imported is the one
 * the scan found, never a name built from a caller's string.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type BotocoreServiceSummary, botocoreServices } from "./botocore-data.js";
import { AwsBridgeError } from "./errors.js";
import { closestMatches } from "./suggest.js";

/** One callable service: an installed SDK v3 client package, with its boto3 identity. */
export interface ServiceEntry {
  /** The boto3 service name (`logs`), also the canonical name in audit records. */
  readonly name: string;
  /** Other names `aws.call` accepts (the SDK package suffix, e.g. `cloudwatch-logs`). */
  readonly aliases: readonly string[];
  /** The model's service id (`CloudWatch Logs`). */
  readonly serviceId: string;
  /** The IAM action prefix, used for policy patterns (`logs:FilterLogEvents`). */
  readonly iamPrefix: string;
  /** SigV4 signing name. */
  readonly signingName: string;
  /** The API version of the model (`2014-03-28`). */
  readonly apiVersion: string | null;
  /** The SDK v3 package (`@aws-sdk/client-cloudwatch-logs`). */
  readonly packageName: string;
  /** The installed package's version. */
  readonly packageVersion: string;
  /** Loads the SDK v3 package (only when the service is first used). */
  readonly load: () => Promise<object>;
}

const require = createRequire(import.meta.url);
const SERVICE_ID = /serviceId:\s*config\?\.serviceId\s*\?\?\s*"([^"]+)"/;

/**
 * IAM prefixes that are not the service's signing name. The IAM prefix is what policy patterns and
 * read-only session policies are written in; for almost every service it is the signing name.
 */
const IAM_PREFIX_EXCEPTIONS: Readonly<Record<string, string>> = {
  cloudwatch: "cloudwatch", // signs as `monitoring`
  resourcegroupstaggingapi: "tag", // signs as `tagging`
};

/** The npm package that provides a service, by SDK v3's naming rule (`Route 53` -> `client-route-53`). */
export function sdkPackageName(serviceId: string): string {
  return `@aws-sdk/client-${serviceId.toLowerCase().replace(/\s+/g, "-")}`;
}

interface Catalog {
  byName: Map<string, ServiceEntry>;
  byAlias: Map<string, ServiceEntry>;
  entries: ServiceEntry[];
}

let catalog: Catalog | null = null;

function sdkScopeDirs(): string[] {
  const paths = require.resolve.paths("@aws-sdk/client-sts") ?? [];
  return [...new Set(paths.map((p) => join(p, "@aws-sdk")))].filter((p) => existsSync(p));
}

function readInstalled(dir: string): { packageName: string; version: string; serviceId: string } | null {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      name?: unknown;
      version?: unknown;
    };
    const config = readFileSync(join(dir, "dist-es", "runtimeConfig.shared.js"), "utf8");
    const serviceId = SERVICE_ID.exec(config)?.[1];
    if (typeof pkg.name !== "string" || typeof pkg.version !== "string" || !serviceId) return null;
    // Only packages built on schemas (SDK >= 3.8xx) carry the model the bridge needs.
    if (!existsSync(join(dir, "dist-es", "schemas", "schemas_0.js"))) return null;
    return { packageName: pkg.name, version: pkg.version, serviceId };
  } catch {
    return null;
  }
}

function buildCatalog(): Catalog {
  const bySid = new Map<string, BotocoreServiceSummary>();
  for (const s of botocoreServices().values()) if (!bySid.has(s.serviceId)) bySid.set(s.serviceId, s);
  const byName = new Map<string, ServiceEntry>();
  for (const scope of sdkScopeDirs()) {
    for (const dirName of readdirSync(scope).sort()) {
      if (!dirName.startsWith("client-")) continue;
      const found = readInstalled(join(scope, dirName));
      if (!found) continue;
      const boto = bySid.get(found.serviceId);
      if (!boto || byName.has(boto.name)) continue; // nearest node_modules wins
      const packageName = found.packageName;
      const signingName = boto.signingName ?? boto.endpointPrefix ?? boto.name;
      const suffix = packageName.replace(/^@aws-sdk\/client-/, "");
      byName.set(boto.name, {
        name: boto.name,
        aliases: suffix !== boto.name ? [suffix] : [],
        serviceId: found.serviceId,
        iamPrefix: IAM_PREFIX_EXCEPTIONS[boto.name] ?? signingName,
        signingName,
        apiVersion: boto.apiVersion,
        packageName,
        packageVersion: found.version,
        // The specifier is the package name the scan found on disk, never a caller's string.
        load: () => import(packageName) as Promise<object>,
      });
    }
  }
  const entries = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const byAlias = new Map<string, ServiceEntry>();
  for (const e of entries) {
    byAlias.set(e.name, e);
    for (const a of e.aliases) if (!byAlias.has(a)) byAlias.set(a, e);
    const compact = e.name.replace(/-/g, "");
    if (!byAlias.has(compact)) byAlias.set(compact, e);
  }
  return { byName, byAlias, entries };
}

function getCatalog(): Catalog {
  catalog ??= buildCatalog();
  return catalog;
}

/** Every installed service, sorted by boto3 name. */
export function installedServices(): readonly ServiceEntry[] {
  return getCatalog().entries;
}

/** The boto3 names of every installed service, sorted. */
export function serviceNames(): string[] {
  return getCatalog().entries.map((e) => e.name);
}

/**
 * The installed service with exactly this boto3 name (as `boto3.client(name)` requires), or throws
 * `UnknownService` (see {@link resolveService} for the message).
 */
export function serviceByBoto3Name(name: string): ServiceEntry {
  const entry = getCatalog().byName.get(name);
  if (entry) return entry;
  throw unknownService(name);
}

/**
 * Resolves a service name as a script wrote it for `aws.call` / `call_boto3`: the boto3 name or
 * the SDK package suffix, case-insensitively. Throws `UnknownService`: for a service boto3 knows but
 * that is not installed, the message names the npm package to install; otherwise it suggests the
 * closest installed names.
 */
export function resolveService(name: string): ServiceEntry {
  const entry = getCatalog().byAlias.get(name.toLowerCase());
  if (entry) return entry;
  throw unknownService(name);
}

function unknownService(name: string): AwsBridgeError {
  const known = botocoreServices().get(name.toLowerCase());
  if (known) {
    return new AwsBridgeError(
      "UnknownService",
      `The service '${known.name}' is not installed on this runscript server. An operator adds it with ` +
        `\`npm install ${sdkPackageName(known.serviceId)}\` (no code change).`,
      { details: { known: serviceNames() } },
    );
  }
  const { byAlias, entries } = getCatalog();
  const near = closestMatches(name.toLowerCase(), [...byAlias.keys()], (k) => byAlias.get(k)?.name ?? k);
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(", ")}?` : "";
  return new AwsBridgeError(
    "UnknownService",
    `Unknown service: '${name}'.${hint} Installed services: ${entries.map((e) => e.name).join(", ")}.`,
    { details: { known: entries.map((e) => e.name) } },
  );
}
