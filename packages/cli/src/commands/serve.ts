/**
 * `runscript serve [--config FILE] [--host H] [--port P]`: the MCP server over Streamable HTTP.
 * Without --config it uses config/runscript.yaml when present, else the built-in defaults
 * (127.0.0.1:8787, no principals: loopback only, as the read-only principal `local`).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  loadConfig,
  parseConfig,
  type ServerConfig,
  ServerError,
  type StartOptions,
  startServer,
} from "@runscript/server";
import { loadDevtools } from "../devtools.js";
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
  let values: {
    config?: string | undefined;
    host?: string | undefined;
    port?: string | undefined;
    "local-aws"?: string | undefined;
  };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        config: { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        "local-aws": { type: "string" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}\nusage: runscript serve [--config FILE] [--host H] [--port P] [--local-aws BUCKETS]`,
    );
  }
  let config = configFromArgs(values);
  const options: StartOptions = {};
  // --local-aws N: no AWS account needed. Local SigV4-verifying STS/S3/CloudWatch endpoints seeded
  // with N buckets; the local principal assumes a role there (for demos and load tests).
  const localBuckets = values["local-aws"] === undefined ? null : Number(values["local-aws"]);
  if (localBuckets !== null && (!Number.isInteger(localBuckets) || localBuckets < 0 || localBuckets > 1000)) {
    throw new UsageError("--local-aws takes a bucket count from 0 to 1000");
  }
  const localAws =
    localBuckets === null ? null : await (await loadDevtools("serve --local-aws")).startLocalAws();
  if (localAws) {
    if (localBuckets) await localAws.seedBuckets(localBuckets);
    const endpoints = { s3: localAws.endpoint, sts: localAws.endpoint, cloudwatch: localAws.endpoint };
    config = {
      ...config,
      aws: { ...config.aws, endpoints, forcePathStyle: true },
      localPrincipal: {
        ...config.localPrincipal,
        roleArn: `arn:aws:iam::${localAws.accountId}:role/runscript-local`,
      },
    };
    options.baseCredentials = async () => ({ ...localAws.baseCredentials });
    process.stderr.write(
      `runscript: local AWS endpoints at ${localAws.endpoint} with ${localBuckets} sample buckets\n`,
    );
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, options);
  } catch (error) {
    await localAws?.close();
    if (error instanceof ServerError && error.code === "UNSAFE_BIND") throw new UsageError(error.message);
    throw error;
  }
  process.stderr.write(`runscript: MCP endpoint ${server.url} (Ctrl-C or SIGTERM to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(
        `runscript: ${signal}: draining running scripts (up to ${config.drainTimeoutMs} ms)\n`,
      );
      void server
        .close()
        .then(() => localAws?.close())
        .then(resolve);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  return 0;
}
