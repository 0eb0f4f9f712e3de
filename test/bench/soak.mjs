#!/usr/bin/env node
/**
 * Bounded soak (issue #6): many trivial runs through a real server over MCP; prints server RSS and
 * the number of sandbox processes every 10 % so a leak shows as a rising line, and fails (exit 1) if
 * sandbox processes leaked or a run was lost.
 *
 *   node test/bench/soak.mjs [--runs 10000] [--language javascript|python] [--concurrency 4]
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { parseConfig, startServer } from "@runscript/server";

const { values } = parseArgs({
  options: { runs: { type: "string" }, language: { type: "string" }, concurrency: { type: "string" } },
});
const runs = Number(values.runs ?? "10000");
const language = values.language ?? "javascript";
const concurrency = Number(values.concurrency ?? "4");
const code = language === "python" ? "1 + 1" : "return 1 + 1";

const server = await startServer(
  parseConfig({ listen: { port: 0 }, pool: { size: 2 }, log: { level: "silent" } }),
);
const children = () =>
  execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean).length;
const startPids = children();
const rss = [];
let done = 0;
let failed = 0;
let next = 0;
const started = performance.now();
console.log(`soak: ${runs} ${language} runs, concurrency ${concurrency}, pool 2`);
console.log("runs      server RSS MiB   child processes   runs/s");
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    const client = new Client({ name: "soak", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    while (next < runs) {
      next++;
      const r = await client.callTool({ name: "run_script", arguments: { code, language } });
      if (r.structuredContent?.status !== "success") failed++;
      done++;
      if (done % Math.max(1, Math.floor(runs / 10)) === 0) {
        const mib = process.memoryUsage.rss() / 1048576;
        rss.push(mib);
        console.log(
          `${String(done).padEnd(9)} ${mib.toFixed(0).padStart(14)} ${String(children()).padStart(17)} ${(done / ((performance.now() - started) / 1000)).toFixed(1).padStart(8)}`,
        );
      }
    }
    await client.close();
  }),
);
await server.close(5_000);
const leaked = children() - 0;
const growth = rss.length > 2 ? rss.at(-1) - rss[1] : 0;
console.log(
  `done: ${done} runs, ${failed} not successful, RSS growth after warm-up ${growth.toFixed(0)} MiB, child processes after close ${leaked} (at start ${startPids})`,
);
process.exit(failed > 0 || leaked > 0 ? 1 : 0);
