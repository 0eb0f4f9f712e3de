/**
 * Sequential trivial `run_script` calls over MCP stdio (an agent's pattern: one call after another,
 * each waiting for the previous answer), through the real CLI and a real MCP client (issue #17).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { goal, percentile, summary } from "./stats.mjs";

const bin = fileURLToPath(new URL("../../packages/cli/bin/runscript.js", import.meta.url));

export async function benchMcpStdio({ quick = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "runscript-bench-"));
  const config = join(dir, "stdio.yaml");
  writeFileSync(config, "log:\n  level: silent\n");
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, "stdio", "--config", config],
    stderr: "pipe",
  });
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(transport);
  try {
    // Warm-up: the server's pool starts with its spares booting.
    for (let i = 0; i < 3; i++) await client.callTool({ name: "run_script", arguments: { code: "1 + 1" } });
    const latencies = [];
    for (let i = 0; i < (quick ? 10 : 40); i++) {
      const t = performance.now();
      const r = await client.callTool({ name: "run_script", arguments: { code: "1 + 1" } });
      latencies.push(performance.now() - t);
      if (r.isError) throw new Error(`run_script failed: ${JSON.stringify(r)}`);
    }
    const p50 = percentile(latencies, 50);
    console.log(
      `sequential trivial run_script over MCP stdio:         ${summary(latencies)}  ${goal(p50, "<=", 60, "ms")}`,
    );
    return { mcpStdioP50: p50 };
  } finally {
    await client.close();
  }
}
