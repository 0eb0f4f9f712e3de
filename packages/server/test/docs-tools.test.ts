/** search_aws_api and describe_aws_operation over a real MCP client and the SDK's in-memory transport. */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { DocsIndex } from "@runscript/aws-docs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDocsTools } from "../src/docs-tools.js";
import { ServerError } from "../src/errors.js";

let client: Client;

beforeAll(async () => {
  const docs = await DocsIndex.open();
  const server = new McpServer({ name: "t", version: "1" });
  registerDocsTools(server, {
    docs: async () => docs,
    access: (svc, op) => ({
      actions: [`${svc.iamPrefix}:${op}`],
      allowed: op.startsWith("List"),
      detail: "",
    }),
    wrap: (fn) => async (args) => {
      try {
        return await fn(args);
      } catch (error) {
        if (error instanceof ServerError)
          return { isError: true, content: [{ type: "text", text: error.message }] };
        throw error;
      }
    },
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: "c", version: "1" });
  await Promise.all([server.connect(a), client.connect(b)]);
});

afterAll(async () => {
  await client.close();
});

describe("documentation tools", () => {
  it("are listed as read-only, closed-world tools", async () => {
    const tools = (await client.listTools()).tools.filter((t) => t.name.includes("aws_"));
    expect(tools.map((t) => t.name).sort()).toEqual(["describe_aws_operation", "search_aws_api"]);
    for (const t of tools) {
      expect(t.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        openWorldHint: false,
      });
    }
  });

  it("search_aws_api ranks the operation that answers an audit question", async () => {
    const r = (await client.callTool({
      name: "search_aws_api",
      arguments: { query: "which buckets have public access block", limit: 3 },
    })) as CallToolResult;
    const results = (r.structuredContent as { results: { operation: string; method: string }[] }).results;
    expect(results.map((x) => x.operation)).toContain("GetPublicAccessBlock");
    expect(r.content[0]).toMatchObject({
      type: "text",
      text: expect.stringContaining("s3.get_public_access_block"),
    });
  });

  it("describe_aws_operation gives members, example and the principal's decision", async () => {
    const r = (await client.callTool({
      name: "describe_aws_operation",
      arguments: { service: "s3", operation: "ListObjectsV2" },
    })) as CallToolResult;
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as { allowed: boolean; iam_actions: string[]; example: string };
    expect(s.allowed).toBe(true);
    expect(s.iam_actions.length).toBeGreaterThan(0);
    expect(s.example).toContain("list_objects_v2");
  });

  it("an unknown operation is the caller's error, with close names", async () => {
    const r = (await client.callTool({
      name: "describe_aws_operation",
      arguments: { service: "s3", operation: "ListObjectV2" },
    })) as CallToolResult;
    expect(r.isError).toBe(true);
    expect(r.content[0]).toMatchObject({ text: expect.stringContaining("ListObjectsV2") });
  });
});
