/**
 * The MCP tools, registered on one `McpServer` per request for the authenticated principal (so
 * tool annotations tell the truth about that principal: read-only agents get `readOnlyHint`).
 */

import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  ApiCallRecordSchema,
  BridgeErrorSchema,
  Policy,
  PrincipalConfigSchema,
  serviceNames,
} from "@runscript/aws-bridge";
import type { DocsIndex } from "@runscript/aws-docs";
import { RunRecordSchema } from "@runscript/runner";
import { RunStatusSchema } from "@runscript/sandbox";
import { z } from "zod";
import { type Principal, principalConfig, type ServerConfig } from "./config.js";
import { registerDocsTools } from "./docs-tools.js";
import { ServerError } from "./errors.js";
import { RunScriptInputSchema } from "./run-script-args.js";
import type { RunService } from "./run-service.js";
import { awsText, runText } from "./tool-text.js";

export { RunScriptInputSchema };

/**
 * Output schema of `run_script`: the run's record (`RunRecordSchema`, one owner), every field optional
 * but `status` and `run_id`, because a run that became a task answers with only those and `task_id`.
 */
export const RunScriptOutputSchema = RunRecordSchema.partial().extend({
  status: z.union([RunStatusSchema, z.literal("running")]),
  run_id: z.string(),
  task_id: z.string().optional(),
  /** Any JSON value (kept open in the schema clients see). */
  result: z.unknown().optional(),
}).shape;

const CallAwsInputSchema = {
  service: z.string().min(1).max(128).describe("boto3 service name, e.g. s3, ec2, iam, logs"),
  operation: z
    .string()
    .min(1)
    .max(128)
    .describe("Operation, PascalCase (ListBuckets) or snake_case (list_buckets)"),
  params: z.record(z.string(), z.unknown()).optional().describe("Request parameters as boto3 takes them"),
  region: z.string().min(1).max(64).optional(),
};

const TaskOutputSchema = {
  task_id: z.string(),
  status: z.enum(["running", "done"]),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  result: z.unknown().optional(),
};

function description(config: ServerConfig): string {
  const d = config.limits.defaults;
  const m = config.limits.maxima;
  return [
    "Run a short Python script server-side in a fresh, isolated sandbox and return its result. One call can replace dozens of AWS API calls (e.g. audit every S3 bucket and report).",
    "Sandbox: CPython 3.14 (Pyodide), standard library only (no pip packages), no network, no filesystem beyond an in-memory scratch /tmp, no credentials. Nothing survives between runs.",
    "AWS: `await call_boto3(service_name, operation_name, region_name=None, params=None)` returns the response dict (PascalCase or snake_case operation names). Or boto3 style: `import boto3; s3 = boto3.client('s3'); s3.list_buckets()`, `get_paginator(...).paginate(...)`, `botocore.exceptions.ClientError`. Use `asyncio.gather` over call_boto3 for concurrency. Calls run with this agent's role and policy; denied calls raise ClientError with code AccessDeniedByPolicy. No presigning, no endpoint or credential choice.",
    `AWS services installed (boto3 names): ${serviceNames().join(", ")}. Others answer UnknownServiceError.`,
    `Limits: timeout ${d.timeoutMs / 1000} s (max ${m.timeoutMs / 1000} via timeout_seconds), memory ${d.memoryBytes / 1048576} MiB (max ${m.memoryBytes / 1048576} via memory_mb), output ${d.maxOutputBytes} bytes, result ${d.maxResultBytes} bytes of JSON. Runs longer than ${config.tasks.thresholdMs / 1000} s return a task_id: poll get_task.`,
    "The result is the value of the script's last expression (JSON; datetimes as ISO 8601). Top-level await works. language: 'javascript' runs JavaScript instead (an async function body; `aws.call(service, op, params)`).",
    "Example:\nimport asyncio\nbuckets = (await call_boto3('s3', 'ListBuckets'))['Buckets']\nblocks = await asyncio.gather(*[call_boto3('s3', 'GetPublicAccessBlock', params={'Bucket': b['Name']}) for b in buckets], return_exceptions=True)\n{b['Name']: not isinstance(x, Exception) for b, x in zip(buckets, blocks)}",
  ].join("\n\n");
}

function errorResult(error: unknown): CallToolResult {
  if (error instanceof ServerError)
    return { isError: true, content: [{ type: "text", text: error.message }] };
  return {
    isError: true,
    content: [{ type: "text", text: "internal error in the runscript server; the incident was logged" }],
  };
}

/** What the tools beyond running scripts need (documentation index, opened on first use). */
export interface ToolExtras {
  docs: () => Promise<DocsIndex>;
}

/** Builds the MCP server for one principal. */
export function createMcpServer(
  service: RunService,
  principal: Principal,
  config: ServerConfig,
  onInternalError: (e: unknown) => void,
  extras: ToolExtras,
): McpServer {
  const server = new McpServer(
    { name: "runscript", version: "0.1.0" },
    {
      instructions:
        "runscript: run_script executes Python against AWS in a sandbox; call_aws makes one AWS call.",
    },
  );
  const awsAnnotations = {
    readOnlyHint: principal.readOnly,
    destructiveHint: !principal.readOnly,
    idempotentHint: false,
    openWorldHint: true,
  };
  const wrap =
    <A>(fn: (args: A) => Promise<CallToolResult>) =>
    async (args: A): Promise<CallToolResult> => {
      try {
        return await fn(args);
      } catch (error) {
        if (!(error instanceof ServerError)) onInternalError(error);
        return errorResult(error);
      }
    };

  server.registerTool(
    "run_script",
    {
      title: "Run a script in a sandbox",
      description: description(config),
      inputSchema: RunScriptInputSchema,
      outputSchema: RunScriptOutputSchema,
      annotations: awsAnnotations,
    },
    wrap(async (args) => {
      const outcome = await service.runScript(principal, args);
      if (outcome.kind === "task") {
        const text = `status: running; the script is still going. Poll get_task with task_id ${outcome.taskId}.`;
        return {
          content: [{ type: "text", text }],
          structuredContent: { status: "running", run_id: outcome.runId, task_id: outcome.taskId },
        };
      }
      const o = outcome.output;
      return {
        isError: o.status !== "success",
        content: [{ type: "text", text: runText(o) }],
        structuredContent: { ...o },
      };
    }),
  );

  server.registerTool(
    "call_aws",
    {
      title: "Call one AWS operation",
      description:
        'Make one AWS API call through the same bridge, credentials and policy as run_script (per-operation allowlisting applies). Returns the response as JSON (bytes as {"$bytes": base64}, timestamps as {"$date": ISO 8601}).',
      inputSchema: CallAwsInputSchema,
      outputSchema: {
        ok: z.boolean(),
        value: z.unknown().optional(),
        error: BridgeErrorSchema.optional(),
        run_id: z.string(),
        api_calls: z.array(ApiCallRecordSchema),
      },
      annotations: awsAnnotations,
    },
    wrap(async (args) => {
      const { response, apiCalls, runId } = await service.callAws(principal, {
        op: "aws.call",
        service: args.service,
        operation: args.operation,
        region: args.region ?? null,
        params: args.params ?? null,
      });
      const structured = response.ok
        ? { ok: true, value: response.value, run_id: runId, api_calls: apiCalls }
        : { ok: false, error: response.error, run_id: runId, api_calls: apiCalls };
      return {
        isError: !response.ok,
        content: [{ type: "text", text: awsText(response) }],
        structuredContent: structured,
      };
    }),
  );

  const policy = new Policy(PrincipalConfigSchema.parse(principalConfig(principal)));
  registerDocsTools(server, {
    docs: extras.docs,
    access: (svc, operation) => {
      const decision = policy.decide(svc.iamPrefix, operation);
      return {
        actions: [`${svc.iamPrefix}:${operation}`],
        allowed: decision.allowed,
        detail: decision.allowed ? "" : decision.reason,
      };
    },
    wrap,
  });

  const taskAnnotations = {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  };
  server.registerTool(
    "get_task",
    {
      title: "Get a long-running task",
      description: "Status and, once done, the result of a run_script task (task_id from run_script).",
      inputSchema: { task_id: z.string().min(1).max(200) },
      outputSchema: TaskOutputSchema,
      annotations: taskAnnotations,
    },
    wrap(async (args) => {
      const t = await service.getTask(principal, args.task_id);
      const structured = {
        task_id: t.taskId,
        status: t.status,
        created_at: t.createdAt,
        finished_at: t.finishedAt,
        ...(t.status === "done" ? { result: t.result } : {}),
      };
      const text =
        t.status === "done"
          ? `task ${t.taskId} done: ${JSON.stringify(t.result).slice(0, 4000)}`
          : `task ${t.taskId} is still running; poll again shortly`;
      return { content: [{ type: "text", text }], structuredContent: structured };
    }),
  );

  server.registerTool(
    "list_tasks",
    {
      title: "List my tasks",
      description: "This agent's recent run_script tasks (newest first), without results.",
      inputSchema: { limit: z.number().int().min(1).max(200).optional() },
      outputSchema: {
        tasks: z.array(
          z.object({
            task_id: z.string(),
            status: z.enum(["running", "done"]),
            created_at: z.string(),
            finished_at: z.string().nullable(),
          }),
        ),
      },
      annotations: taskAnnotations,
    },
    wrap(async (args) => {
      const tasks = (await service.listTasks(principal, args.limit ?? 50)).map((t) => ({
        task_id: t.taskId,
        status: t.status,
        created_at: t.createdAt,
        finished_at: t.finishedAt,
      }));
      return {
        content: [
          {
            type: "text",
            text: tasks.length ? tasks.map((t) => `${t.task_id} ${t.status}`).join("\n") : "no tasks",
          },
        ],
        structuredContent: { tasks },
      };
    }),
  );
  return server;
}
