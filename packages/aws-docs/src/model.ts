/**
 * The documentation index's stored format: what the build step writes (`dist/data/`) and the runtime
 * reads. One zod schema per file kind, the single source of truth for its type.
 *
 * Types are stored once per service in a shape table and referenced by name, so a structure used by
 * fifty operations is written once; rendering follows references to a bounded depth.
 */
import { z } from "zod";

/** A member's type: a scalar, a list, a map, or a reference to a structure/union in the shape table. */
export type TypeRef =
  | { t: "string"; e?: string[] | undefined }
  | { t: "number" | "boolean" | "blob" | "timestamp" | "document" | "streaming" }
  | { t: "list"; v: TypeRef }
  | { t: "map"; k: TypeRef; v: TypeRef }
  | { t: "ref"; n: string };

export const TypeRefSchema: z.ZodType<TypeRef> = z.lazy(() =>
  z.union([
    z.object({ t: z.literal("string"), e: z.array(z.string()).optional() }),
    z.object({ t: z.enum(["number", "boolean", "blob", "timestamp", "document", "streaming"]) }),
    z.object({ t: z.literal("list"), v: TypeRefSchema }),
    z.object({ t: z.literal("map"), k: TypeRefSchema, v: TypeRefSchema }),
    z.object({ t: z.literal("ref"), n: z.string() }),
  ]),
);

/** One member of a structure: name, required flag, type, and its documentation (Markdown, short). */
export const MemberSchema = z.object({
  n: z.string(),
  r: z.boolean().optional(),
  s: TypeRefSchema,
  d: z.string().optional(),
});
export type Member = z.infer<typeof MemberSchema>;

/** A structure (or a union: exactly one member is set). */
export const ShapeSchema = z.object({
  kind: z.enum(["structure", "union"]),
  members: z.array(MemberSchema),
});
export type Shape = z.infer<typeof ShapeSchema>;

/** One operation. */
export const OperationDocSchema = z.object({
  /** API name (PascalCase), e.g. `ListObjectsV2`. */
  name: z.string(),
  /** boto3 method name, e.g. `list_objects_v2`. */
  method: z.string(),
  /** First sentence(s) of the documentation, plain text. */
  summary: z.string(),
  /** The documentation, Markdown converted from the SDK's HTML. */
  doc: z.string(),
  /** Input and output structure names in `shapes` (null: no members). */
  input: z.string().nullable(),
  output: z.string().nullable(),
  deprecated: z.boolean().optional(),
});
export type OperationDoc = z.infer<typeof OperationDocSchema>;

/** One service's documentation file. */
export const ServiceDocSchema = z.object({
  service: z.string(),
  title: z.string(),
  iamPrefix: z.string(),
  packageName: z.string(),
  packageVersion: z.string(),
  operations: z.record(z.string(), OperationDocSchema),
  /** boto3 waiter name (`bucket_exists`) → the operation it polls. */
  waiters: z.record(z.string(), z.string()),
  shapes: z.record(z.string(), ShapeSchema),
});
export type ServiceDoc = z.infer<typeof ServiceDocSchema>;

/** What the build wrote, with figures for the README and the bench. */
export const ManifestSchema = z.object({
  /** Hash of the inputs (package names and versions, builder version): unchanged inputs skip the build. */
  inputKey: z.string(),
  builtAt: z.string(),
  buildMs: z.number(),
  services: z.array(
    z.object({ service: z.string(), title: z.string(), operations: z.number(), bytes: z.number() }),
  ),
  operations: z.number(),
  searchIndexBytes: z.number(),
  totalBytes: z.number(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** File names inside the data directory. */
export const DATA_FILES = {
  manifest: "manifest.json",
  search: "search.json",
  service: (service: string) => `service-${service}.json`,
} as const;
