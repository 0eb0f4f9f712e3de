/**
 * botocore's view of every AWS service, generated from the machine's botocore by
 * `scripts/generate-botocore-data.py` into `data/botocore/` (committed, with provenance: botocore
 * version and the sha256 of every input file; a test re-derives it and fails on drift).
 *
 * What boto3 shows a script that only botocore's model knows comes from here: boto3 service names,
 * boto3 method names, paginators (`paginators-1.json` with sdk-extras merged), waiters
 * (`waiters-2.json`), modeled error codes, and the input shapes parameter validation walks. Files
 * are read lazily, once per service, and never from a caller-chosen path: a service name is looked
 * up in the index first.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const DATA_DIR = new URL("../data/botocore/", import.meta.url);

/** `[serviceId, endpointPrefix, signingName, apiVersion, protocol]` of one boto3 service. */
const ServiceSummarySchema = z.tuple([
  z.string(),
  z.string().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.string(),
]);

const BotocoreIndexSchema = z.object({
  provenance: z.object({
    generator: z.string(),
    botocore: z.string(),
    inputs: z.number(),
    inputsSha256: z.string(),
  }),
  services: z.record(z.string(), ServiceSummarySchema),
  httpReasons: z.record(z.string(), z.string()),
});

/** A boto3 service as botocore's index describes it. */
export interface BotocoreServiceSummary {
  /** boto3 name (`logs`, `elbv2`, `stepfunctions`). */
  readonly name: string;
  /** The model's `serviceId` (`CloudWatch Logs`): the key shared with SDK v3 packages. */
  readonly serviceId: string;
  readonly endpointPrefix: string | null;
  readonly signingName: string | null;
  readonly apiVersion: string | null;
  readonly protocol: string;
}

/** A validation shape spec (see the generator's docstring for the encoding). */
export type ShapeSpec =
  | string
  | readonly ["L", string, number | null]
  | readonly ["M", string, string]
  | readonly ["S", readonly (readonly [string, string, number])[], readonly string[], number];

/** botocore's data for one service. */
export interface BotocoreService {
  /** API operation name -> [boto3 method name, input shape name or null]. */
  readonly operations: Readonly<Record<string, readonly [string, string | null]>>;
  /** API operation name -> botocore paginator config, exactly as in `paginators-1.json`. */
  readonly paginators: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Waiter name (`BucketExists`) -> botocore waiter config, exactly as in `waiters-2.json`. */
  readonly waiters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Waiter name -> boto3's name for it (`BucketExists` -> `bucket_exists`). */
  readonly waiterNames: Readonly<Record<string, string>>;
  /** Modeled error shape name -> the code on the wire. */
  readonly errors: Readonly<Record<string, string>>;
  /** `Struct.Member` whose numbers are floats (SDK v3 schemas have one numeric type). */
  readonly floats: readonly string[];
  /** Member order (model order) of structures that have required members. */
  readonly order: Readonly<Record<string, readonly string[]>>;
  /** `Struct.Member` of policy documents botocore decodes into dicts (IAM's `policyDocumentType`). */
  readonly policyDocuments: readonly string[];
  /** Input shapes for parameter validation. */
  readonly shapes: Readonly<Record<string, ShapeSpec>>;
}

let index: {
  provenance: z.infer<typeof BotocoreIndexSchema>["provenance"];
  byName: Map<string, BotocoreServiceSummary>;
  reasons: Readonly<Record<string, string>>;
} | null = null;
const services = new Map<string, BotocoreService>();

function loadIndex() {
  if (index) return index;
  const raw = BotocoreIndexSchema.parse(JSON.parse(readFileSync(new URL("index.json", DATA_DIR), "utf8")));
  const byName = new Map<string, BotocoreServiceSummary>();
  for (const [name, [serviceId, endpointPrefix, signingName, apiVersion, protocol]] of Object.entries(
    raw.services,
  )) {
    byName.set(name, { name, serviceId, endpointPrefix, signingName, apiVersion, protocol });
  }
  index = { provenance: raw.provenance, byName, reasons: raw.httpReasons };
  return index;
}

/** Python's reason phrase for an HTTP status (`http.client.responses`), or `""`. */
export function httpReason(status: number): string {
  return loadIndex().reasons[String(status)] ?? "";
}

/** Every boto3 service botocore knows, by boto3 name. */
export function botocoreServices(): ReadonlyMap<string, BotocoreServiceSummary> {
  return loadIndex().byName;
}

/** Where the data came from: botocore version and the digest of its inputs. */
export function botocoreProvenance(): { botocore: string; inputsSha256: string } {
  const p = loadIndex().provenance;
  return { botocore: p.botocore, inputsSha256: p.inputsSha256 };
}

/**
 * botocore's data for a boto3 service name from the index (`null` for a name botocore does not
 * know). The file is read once; the name must be an index key, so no caller string builds a path.
 */
export function botocoreService(name: string): BotocoreService | null {
  const cached = services.get(name);
  if (cached) return cached;
  const summary = loadIndex().byName.get(name);
  if (!summary) return null;
  const data = JSON.parse(readFileSync(new URL(`${summary.name}.json`, DATA_DIR), "utf8")) as BotocoreService;
  services.set(name, data);
  return data;
}
