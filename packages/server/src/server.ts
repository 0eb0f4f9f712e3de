/**
 * Starting and stopping a runscript server: sandbox pool, AWS bridge, metrics, task store, and the
 * HTTP app (or stdio). `close()` drains: it stops accepting, lets running scripts finish up to the
 * drain timeout, then stops everything.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AwsBridge, type CredentialsProvider } from "@runscript/aws-bridge";
import { DocsIndex } from "@runscript/aws-docs";
import { type Clock, Runner, systemClock } from "@runscript/runner";
import { SandboxPool } from "@runscript/sandbox";
import { type Logger, pino } from "pino";
import { Authenticator } from "./auth.js";
import { CloudWatchPublisher } from "./cloudwatch-publisher.js";
import { isLoopback, type Principal, type ServerConfig } from "./config.js";
import { DynamoDbTaskStore } from "./dynamodb-task-store.js";
import { ServerError } from "./errors.js";
import { createHttpApp } from "./http-app.js";
import { ServerMetrics } from "./metrics.js";
import { QuotaGate } from "./quotas.js";
import { RunService } from "./run-service.js";
import { InMemoryTaskStore, type TaskStore } from "./task-store.js";
import { createMcpServer, type ToolExtras } from "./tools.js";

export interface StartOptions {
  /** Default: pino JSON on stderr at the config's level. */
  logger?: Logger;
  /** Base AWS credentials (tests, local endpoints); default: the SDK's provider chain. */
  baseCredentials?: CredentialsProvider;
  /** A shared task store (fleet); default: in memory. */
  taskStore?: TaskStore;
  /** Credentials for the DynamoDB task store (tests, local endpoints); default: the provider chain. */
  taskStoreCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** Credentials for the CloudWatch publisher (tests, local endpoints). */
  cloudwatchCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** Time for task thresholds, quotas, task expiry and metric flushes (tests); default: the system's. */
  clock?: Clock;
}

interface Core {
  config: ServerConfig;
  logger: Logger;
  pool: SandboxPool;
  bridge: AwsBridge;
  tasks: TaskStore;
  metrics: ServerMetrics;
  publisher: CloudWatchPublisher | null;
  service: RunService;
  anonymous: Principal | null;
  extras: ToolExtras;
}

/** Opens the documentation index on first use (it is not needed to start serving). */
function lazyDocs(): () => Promise<DocsIndex> {
  let pending: Promise<DocsIndex> | null = null;
  return () => {
    pending ??= DocsIndex.open();
    pending.catch(() => {
      pending = null;
    });
    return pending;
  };
}

/** The unauthenticated loopback principal (served only when no principals are configured). */
function localPrincipal(config: ServerConfig): Principal {
  return {
    ...config.localPrincipal,
    name: "local",
    tokenSha256: "0".repeat(64),
    quotas: { concurrentRuns: 16, runsPerMinute: 100_000 },
  };
}

async function startCore(config: ServerConfig, options: StartOptions): Promise<Core> {
  const logger = options.logger ?? pino({ level: config.log.level }, pino.destination(2));
  if (config.principals.length === 0 && !isLoopback(config.listen.host)) {
    throw new ServerError(
      "UNSAFE_BIND",
      `refusing to listen on ${config.listen.host} without authentication: add principals with tokens to the config, or listen on 127.0.0.1`,
    );
  }
  const clock = options.clock ?? systemClock;
  const pool = await SandboxPool.start(config.pool, { logger });
  logger.info(
    { event: "sandbox_pool_ready", size: config.pool.size, hardening: pool.hardening.summary },
    "sandbox pool ready",
  );
  if (!pool.hardening.networkNamespace) logger.warn({ event: "hardening_degraded" }, pool.hardening.summary);
  const docs = lazyDocs();
  const bridge = new AwsBridge({
    config: config.aws,
    docs: { docText: async (service, operation) => (await docs()).docText(service, operation) },
    logger: logger.child({ component: "aws-bridge" }),
    ...(options.baseCredentials ? { baseCredentials: options.baseCredentials } : {}),
  });
  if (config.principals.some((p) => !p.roleArn) || config.principals.length === 0) {
    logger.warn(
      { event: "base_credentials_in_use" },
      "principals without roleArn call AWS with the server's own base credentials",
    );
  }
  const storeConfig = config.tasks.store;
  const tasks =
    options.taskStore ??
    (storeConfig.type === "dynamodb"
      ? new DynamoDbTaskStore({
          table: storeConfig.table,
          region: storeConfig.region,
          endpoint: storeConfig.endpoint,
          credentials: options.taskStoreCredentials,
        })
      : new InMemoryTaskStore(clock));
  const metrics = new ServerMetrics(() => pool.stats());
  const publisher = config.metrics.cloudwatch.enabled
    ? new CloudWatchPublisher({
        ...config.metrics.cloudwatch,
        logger,
        queueDepth: () => pool.stats().queued,
        credentials: options.cloudwatchCredentials,
        clock,
      })
    : null;
  if (publisher) metrics.onInvocation((e) => publisher.record(e));
  const runner = new Runner({ pool, bridge, clock, logger: logger.child({ tool: "run_script" }) });
  const service = new RunService({
    config,
    runner,
    aws: bridge,
    tasks,
    quotas: new QuotaGate(),
    metrics,
    logger,
    clock,
  });
  const anonymous = config.principals.length === 0 ? localPrincipal(config) : null;
  return { config, logger, pool, bridge, tasks, metrics, publisher, service, anonymous, extras: { docs } };
}

async function stopCore(core: Core, drainMs: number): Promise<void> {
  const left = await core.service.drain(drainMs);
  if (left > 0)
    core.logger.warn(
      { event: "drain_timeout", runsLeft: left },
      "drain timeout reached with runs still going",
    );
  await core.pool.close();
  await core.bridge.close();
  await core.publisher?.close();
  await core.tasks.close();
}

/** A running HTTP server. */
export interface RunscriptServer extends AsyncDisposable {
  /** e.g. `http://127.0.0.1:8787/mcp` */
  readonly url: string;
  readonly port: number;
  readonly service: RunService;
  readonly pool: SandboxPool;
  /** Stops accepting, drains running scripts up to `drainTimeoutMs`, then stops. */
  close(drainTimeoutMs?: number): Promise<void>;
}

/**
 * Starts the HTTP server.
 * @example
 * const server = await startServer(parseConfig({ listen: { port: 0 } }));
 * // ... MCP clients connect to server.url ...
 * await server.close();
 */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunscriptServer> {
  const core = await startCore(config, options);
  let draining = false;
  const app = createHttpApp({
    config,
    service: core.service,
    auth: new Authenticator(config.principals),
    anonymous: core.anonymous,
    metrics: core.metrics,
    poolStats: () => core.pool.stats(),
    hardening: core.pool.hardening,
    logger: core.logger,
    isDraining: () => draining,
    extras: core.extras,
  });
  const http = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.listen.host, port: config.listen.port }, () =>
      resolve(s),
    );
    s.once("error", reject);
  });
  const port = (http.address() as AddressInfo).port;
  const host = config.listen.host.includes(":") ? `[${config.listen.host}]` : config.listen.host;
  const url = `http://${host}:${port}/mcp`;
  core.logger.info(
    { event: "listening", url, principals: config.principals.map((p) => p.name) },
    `runscript listening on ${url}`,
  );
  let closing: Promise<void> | null = null;
  const close = (drainTimeoutMs = config.drainTimeoutMs) => {
    closing ??= (async () => {
      draining = true;
      http.close();
      await stopCore(core, drainTimeoutMs);
      core.logger.info({ event: "stopped" }, "runscript stopped");
    })();
    return closing;
  };
  return { url, port, service: core.service, pool: core.pool, close, [Symbol.asyncDispose]: () => close() };
}

/** Serves MCP over stdin/stdout for desktop clients; resolves when stdin closes. Logs go to stderr. */
export async function serveStdio(config: ServerConfig, options: StartOptions = {}): Promise<void> {
  const core = await startCore({ ...config }, options);
  const principal = config.stdioPrincipal
    ? config.principals.find((p) => p.name === config.stdioPrincipal)
    : (config.principals[0] ?? core.anonymous);
  if (!principal) throw new ServerError("CONFIG_INVALID", "no principal for stdio; set stdioPrincipal");
  const server = createMcpServer(
    core.service,
    principal,
    config,
    (error) =>
      core.logger.error(
        { event: "tool_internal_error", err: error instanceof Error ? error.message : String(error) },
        "tool failed",
      ),
    core.extras,
  );
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
  });
  await server.connect(transport);
  core.logger.info({ event: "stdio_ready", principal: principal.name }, "runscript serving MCP on stdio");
  await closed;
  await server.close().catch(() => undefined);
  await stopCore(core, config.drainTimeoutMs);
}
