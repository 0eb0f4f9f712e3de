/**
 * Operation resolution: a script's operation name (`ListBuckets`, `list_buckets`, `LISTBUCKETS`)
 * becomes the SDK v3 command it names, through a table built once per service from the module's
 * exported `*Command` classes. A caller's string is only ever a key into that table, never a property
 * name looked up on the module.
 */
import { type BotocoreService, botocoreService } from "./botocore-data.js";
import type { ServiceEntry } from "./catalog.js";
import { AwsBridgeError } from "./errors.js";
import { closestMatches } from "./suggest.js";

/** An SDK v3 command class. */
export type CommandClass = new (input: object) => object;

/** The part of an SDK v3 client the bridge uses. */
export interface SdkClient {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
  readonly config: object;
}

/** An SDK v3 client class. */
export type ClientClass = new (config: Record<string, unknown>) => SdkClient;

/** A loaded service: its client class, its operations and their schemas, and botocore's view. */
export interface ServiceModule {
  readonly service: ServiceEntry;
  readonly Client: ClientClass;
  /** Lookup key (lower case, no `_`/`-`) → canonical PascalCase operation name. */
  readonly byKey: ReadonlyMap<string, string>;
  /** Canonical operation name → its command class. */
  readonly commands: ReadonlyMap<string, CommandClass>;
  /** Canonical operation name → its static SDK v3 operation schema (`[9, ns, name, traits, in, out]`). */
  readonly schemas: ReadonlyMap<string, unknown>;
  /** Modeled error shape name -> its static SDK v3 error schema (`[-3, ns, name, traits, ...]`). */
  readonly errorSchemas: ReadonlyMap<string, unknown>;
  /** botocore's data for the service (methods, paginators, waiters, errors, validation shapes). */
  readonly botocore: BotocoreService | null;
}

/**
 * boto3 names that SDK v3 spells differently, per service: lookup key → canonical SDK operation.
 * S3's deprecated lifecycle/notification calls map to their current forms (the responses use the
 * current shapes).
 */
const BOTO3_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  s3: {
    getbucketlifecycle: "GetBucketLifecycleConfiguration",
    putbucketlifecycle: "PutBucketLifecycleConfiguration",
    getbucketnotification: "GetBucketNotificationConfiguration",
    putbucketnotification: "PutBucketNotificationConfiguration",
  },
};

/** boto3 client methods that are not AWS API operations, with what to do instead. */
const BOTO3_HELPERS: ReadonlyMap<string, string> = new Map([
  ["generatepresignedurl", "presigned URLs are not available: the sandbox never holds credentials"],
  ["generatepresignedpost", "presigned POSTs are not available: the sandbox never holds credentials"],
  ["generatedbauthtoken", "RDS auth tokens are credentials and are not available in the sandbox"],
  ["uploadfile", "use client.upload_file(...) on the client object, or put_object"],
  ["uploadfileobj", "use client.upload_fileobj(...) on the client object, or put_object"],
  ["downloadfile", "use client.download_file(...) on the client object, or get_object"],
  ["downloadfileobj", "use client.download_fileobj(...) on the client object, or get_object"],
  ["copy", "use client.copy(...) on the client object, or copy_object"],
  ["getpaginator", "use client.get_paginator(...) on the client object, not as an API call"],
  ["canpaginate", "use client.can_paginate(...) on the client object, not as an API call"],
  ["getwaiter", "use client.get_waiter(...) on the client object, not as an API call"],
]);

const COMMAND_EXPORT = /^([A-Z][A-Za-z0-9]*)Command$/;
const CLIENT_EXPORT = /^[A-Z][A-Za-z0-9]*Client$/;

/** The lookup key of an operation name: lower case, without `_` and `-`. */
export function operationKey(name: string): string {
  return name.replace(/[_-]/g, "").toLowerCase();
}

/**
 * Builds a service's operation table from its SDK module's exports. Only exported functions whose
 * names end in `Command` become operations; the client class is the one named in the registry.
 */
export function buildServiceModule(service: ServiceEntry, mod: object): ServiceModule {
  const clients: ClientClass[] = [];
  const byKey = new Map<string, string>();
  const commands = new Map<string, CommandClass>();
  const schemas = new Map<string, unknown>();
  const exports = new Map(Object.entries(mod));
  const errorSchemas = new Map<string, unknown>();
  for (const [exportName, value] of exports) {
    if (Array.isArray(value) && value[0] === -3 && typeof value[2] === "string" && exportName.endsWith("$")) {
      errorSchemas.set(value[2], value);
      continue;
    }
    if (typeof value !== "function") continue;
    if (CLIENT_EXPORT.test(exportName) && typeof value.prototype?.send === "function") {
      clients.push(value as ClientClass);
      continue;
    }
    const match = COMMAND_EXPORT.exec(exportName);
    if (!match?.[1]) continue;
    const canonical = match[1];
    commands.set(canonical, value as CommandClass);
    byKey.set(operationKey(canonical), canonical);
    const schema = exports.get(`${canonical}$`);
    if (Array.isArray(schema) && schema[0] === 9) schemas.set(canonical, schema);
  }
  const botocore = botocoreService(service.name);
  // boto3 method names (`list_objects_v2`) as botocore spells them, for operations the SDK has.
  for (const [api, [method]] of Object.entries(botocore?.operations ?? {})) {
    if (commands.has(api) && !byKey.has(operationKey(method))) byKey.set(operationKey(method), api);
  }
  const Client = clients.length === 1 ? clients[0] : undefined;
  for (const [key, target] of Object.entries(BOTO3_ALIASES[service.name] ?? {})) {
    if (commands.has(target) && !byKey.has(key)) byKey.set(key, target);
  }
  if (!Client || commands.size === 0) {
    throw new AwsBridgeError(
      "InternalError",
      `the SDK package ${service.packageName} does not export one client class and its commands`,
    );
  }
  return { service, Client, byKey, commands, schemas, errorSchemas, botocore };
}

const loaded = new Map<string, Promise<ServiceModule>>();

/** Loads a service's SDK module and builds its table (once per process; concurrent callers share it). */
export function loadServiceModule(service: ServiceEntry): Promise<ServiceModule> {
  let pending = loaded.get(service.name);
  if (!pending) {
    pending = service.load().then((mod) => buildServiceModule(service, mod));
    pending.catch(() => loaded.delete(service.name));
    loaded.set(service.name, pending);
  }
  return pending;
}

/**
 * Resolves an operation name (PascalCase or snake_case, any case) to its canonical PascalCase name.
 * Throws `UnknownOperation` naming the closest operations of the service.
 */
export function resolveOperation(mod: ServiceModule, name: string): string {
  const key = operationKey(name);
  const canonical = mod.byKey.get(key);
  if (canonical) return canonical;
  const helper = BOTO3_HELPERS.get(key);
  if (helper) {
    throw new AwsBridgeError(
      "UnknownOperation",
      `'${name}' is a boto3 helper, not an AWS API operation of ${mod.service.name}: ${helper}.`,
    );
  }
  const near = closestMatches(key, mod.byKey.keys(), (k) => mod.byKey.get(k) ?? k);
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `'${n}'`).join(", ")}?` : "";
  throw new AwsBridgeError(
    "UnknownOperation",
    `Unknown operation '${name}' for service ${mod.service.name}.${hint}`,
  );
}
