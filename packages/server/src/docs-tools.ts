/**
 * The documentation tools: `search_aws_api` (ranked operations for a free-text question) and
 * `describe_aws_operation` (one operation: members, paginator, waiters, a boto3 example, and whether
 * this principal may call it). Both read the offline index built from the installed SDK packages.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AwsBridgeError } from "@runscript/aws-bridge";
import {
  type AccessNote,
  type DocsIndex,
  MAX_MEMBER_DEPTH,
  MAX_SEARCH_LIMIT,
  type OperationDescription,
} from "@runscript/aws-docs";
import { z } from "zod";
import { ServerError } from "./errors.js";

/** Annotations of tools that only read this server's own data. */
export const LOCAL_READ_ANNOTATIONS = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;

/** Longest describe text sent as `content` (the full structure is in `structuredContent`). */
const MAX_DESCRIBE_TEXT = 40_000;

const SearchInputSchema = {
  query: z.string().min(1).max(500).describe("What you want to do or find out, in plain words"),
  service: z.string().min(1).max(64).optional().describe("Only this service (boto3 name, e.g. s3, ec2)"),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional().describe("Results (default 5)"),
};

const DescribeInputSchema = {
  service: z.string().min(1).max(64).describe("boto3 service name, e.g. s3"),
  operation: z
    .string()
    .min(1)
    .max(128)
    .describe("Operation, PascalCase (ListObjectsV2) or boto3 (list_objects_v2)"),
  depth: z
    .number()
    .int()
    .min(1)
    .max(MAX_MEMBER_DEPTH)
    .optional()
    .describe("How deep nested structures are expanded (default 3)"),
};

const MemberViewSchema: z.ZodType<unknown> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.string(),
    required: z.boolean(),
    enum: z.array(z.string()).optional(),
    doc: z.string().optional(),
    members: z.array(MemberViewSchema).optional(),
    truncated: z.boolean().optional(),
  }),
);

/** What the documentation tools need from the server. */
export interface DocsToolDeps {
  /** The index (opened once, on first use). */
  docs: () => Promise<DocsIndex>;
  /** IAM actions of an operation and this principal's decision on them. */
  access: (service: { name: string; iamPrefix: string }, operation: string) => AccessNote;
  wrap: <A>(fn: (args: A) => Promise<CallToolResult>) => (args: A) => Promise<CallToolResult>;
}

/** Unknown service/operation names are the caller's mistake: an argument error with near names. */
function asToolError(error: unknown): never {
  if (
    error instanceof AwsBridgeError &&
    (error.code === "UnknownService" || error.code === "UnknownOperation")
  ) {
    throw new ServerError("INVALID_ARGUMENT", error.message, { cause: error });
  }
  throw error;
}

function structured(d: OperationDescription) {
  return {
    service: d.service,
    title: d.title,
    operation: d.operation,
    method: d.method,
    summary: d.summary,
    deprecated: d.deprecated,
    input: d.input,
    output: d.output,
    paginator: d.paginator,
    waiters: d.waiters,
    example: d.example,
    iam_actions: d.access?.actions ?? [],
    allowed: d.access?.allowed ?? null,
    allowed_detail: d.access?.detail ?? "",
  };
}

/** Registers `search_aws_api` and `describe_aws_operation`. */
export function registerDocsTools(server: McpServer, deps: DocsToolDeps): void {
  server.registerTool(
    "search_aws_api",
    {
      title: "Search the AWS API",
      description:
        "Find the AWS operations that answer a question or do a task, across every service this server can call (offline index of the installed AWS SDK: names, documentation, parameters). Returns ranked operations with their boto3 method names and a one-line summary; follow with describe_aws_operation for parameters. Example: {query: 'which buckets have public access block'}.",
      inputSchema: SearchInputSchema,
      outputSchema: {
        results: z.array(
          z.object({
            service: z.string(),
            operation: z.string(),
            method: z.string(),
            summary: z.string(),
            score: z.number(),
          }),
        ),
      },
      annotations: LOCAL_READ_ANNOTATIONS,
    },
    deps.wrap(async (args: { query: string; service?: string | undefined; limit?: number | undefined }) => {
      const docs = await deps.docs();
      const results = (() => {
        try {
          return docs.search({ query: args.query, service: args.service, limit: args.limit });
        } catch (error) {
          return asToolError(error);
        }
      })();
      const text =
        results.length === 0
          ? "no matching operations; try other words or drop the service filter"
          : results.map((r) => `${r.service}.${r.method} (${r.operation}): ${r.summary}`).join("\n");
      return { content: [{ type: "text", text }], structuredContent: { results } };
    }),
  );

  server.registerTool(
    "describe_aws_operation",
    {
      title: "Describe an AWS operation",
      description:
        "Everything needed to call one AWS operation right the first time: documentation, input members (type, required, enum values, nested structures), response members, paginator and waiters, the IAM actions AWS checks and whether this agent's policy allows them, and a boto3 example. The same text is help(client.method) inside run_script.",
      inputSchema: DescribeInputSchema,
      outputSchema: {
        service: z.string(),
        title: z.string(),
        operation: z.string(),
        method: z.string(),
        summary: z.string(),
        deprecated: z.boolean(),
        input: z.array(MemberViewSchema),
        output: z.array(MemberViewSchema),
        paginator: z
          .object({ inputToken: z.string(), outputToken: z.string(), pageSizeKey: z.string().nullable() })
          .nullable(),
        waiters: z.array(z.string()),
        example: z.string(),
        iam_actions: z.array(z.string()),
        allowed: z.boolean().nullable(),
        allowed_detail: z.string(),
      },
      annotations: LOCAL_READ_ANNOTATIONS,
    },
    deps.wrap(async (args: { service: string; operation: string; depth?: number | undefined }) => {
      const docs = await deps.docs();
      const d = await docs
        .describe({
          service: args.service,
          operation: args.operation,
          depth: args.depth,
          access: deps.access,
        })
        .catch(asToolError);
      const text =
        d.text.length > MAX_DESCRIBE_TEXT
          ? `${d.text.slice(0, MAX_DESCRIBE_TEXT)}\n… (shortened; the full structure is in structuredContent)`
          : d.text;
      return { content: [{ type: "text", text }], structuredContent: structured(d) };
    }),
  );
}
