/**
 * `runscript serve [--config FILE] [--host H] [--port P]`: the MCP server over Streamable HTTP.
 * Without --config it uses config/runscript.yaml when present, else the built-in defaults
 * (127.0.0.1:8787, no principals: loopback only, as the read-only principal `local`).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig, parseConfig, type ServerConfig, ServerError, startServer } from "@runscript/server";
import { UsageError } from "../usage-error.js";

export const DEFAULT_CONFIG_FILE = new URL("../../../../config/runscript.yaml", import.meta.url);

/** Reads --config (or the default file) and applies --host/--port. */
export function configFromArgs(values: {
  config?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
}): ServerConfig {
  let config: ServerConfig;
  try {
    if (values.config) config = loadConfig(values.config);
    else if (existsSync(DEFAULT_CONFIG_FILE)) config = loadConfig(DEFAULT_CONFIG_FILE.pathname);
    else config = parseConfig({});
  } catch (error) {
    if (error instanceof ServerError) throw new UsageError(error.message);
    throw error;
  }
  if (values.host) config = { ...config, listen: { ...config.listen, host: values.host } };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port takes 0 to 65535");
    config = { ...config, listen: { ...config.listen, port } };
  }
  return config;
}

export async function run(argv: string[]): Promise<number> {
  let values: { config?: string | undefined; host?: string | undefined; port?: string | undefined };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { config: { type: "string" }, host: { type: "string" }, port: { type: "string" } },
    }).values;
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}\nusage: runscript serve [--config FILE] [--host H] [--port P]`,
    );
  }
  const config = configFromArgs(values);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (error) {
    if (error instanceof ServerError && error.code === "UNSAFE_BIND") throw new UsageError(error.message);
    throw error;
  }
  process.stderr.write(`runscript: MCP endpoint ${server.url} (Ctrl-C or SIGTERM to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(
        `runscript: ${signal}: draining running scripts (up to ${config.drainTimeoutMs} ms)\n`,
      );
      void server.close().then(resolve);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  return 0;
}
