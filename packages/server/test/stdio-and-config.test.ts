/** stdio transport through the real CLI, config validation, unsafe binds and graceful drain. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig, startServer } from "../src/index.js";

const bin = fileURLToPath(new URL("../../cli/bin/runscript.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "runscript-server-"));

describe("stdio", () => {
  it("serves MCP over stdin/stdout for desktop clients", async () => {
    const config = join(dir, "stdio.yaml");
    writeFileSync(config, "pool:\n  size: 1\nlog:\n  level: silent\n");
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "stdio", "--config", config],
      stderr: "pipe",
    });
    const client = new Client({ name: "desktop", version: "1" });
    await client.connect(transport);
    const tools = (await client.listTools()).tools.map((t) => t.name).sort();
    expect(tools).toEqual([
      "call_aws",
      "describe_aws_operation",
      "get_task",
      "list_tasks",
      "run_script",
      "search_aws_api",
    ]);
    const r = await client.callTool({ name: "run_script", arguments: { code: "21 * 2" } });
    expect((r as unknown as { structuredContent: { result: number } }).structuredContent.result).toBe(42);
    await client.close();
  }, 60_000);
});

describe("config", () => {
  it("names the bad key path", () => {
    expect(() => parseConfig({ listen: { port: "eighty" } })).toThrow(/listen\.port/);
    expect(() => parseConfig({ principals: [{ name: "a" }] })).toThrow(/principals\.0\.tokenSha256/);
    expect(() => parseConfig({ principals: [{ name: "a", token: "short" }] })).toThrow(
      /principals\.0\.token/,
    );
    expect(() =>
      parseConfig({
        limits: {
          defaults: {
            timeoutMs: 999999,
            memoryBytes: 268435456,
            maxOutputBytes: 1048576,
            maxResultBytes: 1048576,
          },
        },
      }),
    ).toThrow(/limits\.defaults\.timeoutMs/);
    expect(() => parseConfig({ nonsense: true })).toThrow(/nonsense/);
  });

  it("reads YAML and JSON files, hashing clear tokens", () => {
    const yaml = join(dir, "c.yaml");
    writeFileSync(yaml, "principals:\n  - name: agent\n    token: a-very-long-dev-token-123\n");
    const c = loadConfig(yaml);
    expect(c.principals[0]?.tokenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(c)).not.toContain("a-very-long-dev-token-123");
    const json = join(dir, "c.json");
    writeFileSync(json, JSON.stringify({ listen: { port: 9999 } }));
    expect(loadConfig(json).listen.port).toBe(9999);
    expect(() => loadConfig(join(dir, "missing.yaml"))).toThrow(/cannot read config/);
  });

  it("refuses to bind a non-loopback address without authentication", async () => {
    await expect(
      startServer(parseConfig({ listen: { host: "0.0.0.0", port: 0 }, log: { level: "silent" } })),
    ).rejects.toMatchObject({ code: "UNSAFE_BIND" });
  });
});

describe("graceful shutdown", () => {
  it("lets a running script finish, then stops accepting", async () => {
    const server = await startServer(
      parseConfig({ listen: { port: 0 }, pool: { size: 1 }, log: { level: "silent" } }),
    );
    const client = new Client({ name: "drain", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    const running = client.callTool({
      name: "run_script",
      arguments: { code: "import time\ntime.sleep(1)\n'finished'" },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closed = server.close(10_000);
    const r = await running;
    expect((r as unknown as { structuredContent: { result: string } }).structuredContent.result).toBe(
      "finished",
    );
    await closed;
    await expect(fetch(server.url, { method: "POST" })).rejects.toThrow();
  }, 30_000);
});
