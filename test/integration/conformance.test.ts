/**
 * The MCP conformance suite (@modelcontextprotocol/conformance) against a real server: the server
 * scenarios that apply to runscript's tools-only surface (initialize, ping, tools/list, DNS-rebinding
 * protection). The others need fixture tools/prompts/resources that runscript does not offer.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseConfig, type RunscriptServer, startServer } from "../../packages/server/src/index.js";

const require = createRequire(import.meta.url);
const conformance = join(
  dirname(require.resolve("@modelcontextprotocol/conformance/package.json")),
  "dist",
  "index.js",
);
let server: RunscriptServer;

beforeAll(async () => {
  server = await startServer(
    parseConfig({ listen: { port: 0 }, pool: { size: 1 }, log: { level: "silent" } }),
  );
});
afterAll(async () => {
  await server.close(1000);
});

it.each(["server-initialize", "ping", "tools-list", "dns-rebinding-protection"])(
  "passes %s",
  async (scenario) => {
    const url = server.url.replace("127.0.0.1", "localhost");
    const out = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        [conformance, "server", "--url", url, "--scenario", scenario],
        { timeout: 60_000 },
        (_e, stdout, stderr) => resolve(`${stdout}${stderr}`),
      );
    });
    expect(out).toMatch(/Passed: (\d+)\/\1, 0 failed/);
  },
  90_000,
);
