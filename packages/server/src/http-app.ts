/**
 * The HTTP surface (hono): MCP Streamable HTTP at /mcp (stateless: any request may land on any node),
 * /healthz, /readyz and /metrics. Authentication happens here, before the MCP layer.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { HEALTH_PATH, MCP_PATH, METRICS_PATH, READINESS_PATH } from "@runscript/contracts";
import type { HardeningReport, PoolStats } from "@runscript/sandbox";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "pino";
import type { Authenticator } from "./auth.js";
import { isLoopback, type Principal, type ServerConfig } from "./config.js";
import { ERROR_TABLE, type ServerErrorCode } from "./errors.js";
import type { ServerMetrics } from "./metrics.js";
import type { RunService } from "./run-service.js";
import { createMcpServer, type ToolExtras } from "./tools.js";

export interface HttpAppDeps {
  config: ServerConfig;
  service: RunService;
  auth: Authenticator;
  /** The principal for unauthenticated loopback requests (only when no principals are configured). */
  anonymous: Principal | null;
  metrics: ServerMetrics;
  poolStats: () => PoolStats;
  hardening: HardeningReport;
  logger: Logger;
  isDraining: () => boolean;
  /** What the tools beyond running scripts need. */
  extras: ToolExtras;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host name of a Host header or an Origin URL, without the port. */
function hostName(value: string): string {
  const v = value.replace(/^https?:\/\//, "");
  if (v.startsWith("[")) return v.slice(0, v.indexOf("]") + 1).toLowerCase();
  return (v.split(":")[0] ?? "").toLowerCase();
}

/**
 * DNS-rebinding protection: a web page that rebinds its name to 127.0.0.1 must not reach a loopback
 * server. Host (and Origin, when sent) must name an allowed host.
 */
function hostAllowed(config: ServerConfig, host: string | undefined, origin: string | undefined): boolean {
  const allowed =
    config.listen.allowedHosts.length > 0
      ? new Set(config.listen.allowedHosts.map((h) => h.toLowerCase()))
      : isLoopback(config.listen.host)
        ? LOOPBACK_NAMES
        : null;
  if (!allowed) return true;
  if (!host || !allowed.has(hostName(host))) return false;
  return origin === undefined || origin === "null" ? origin === undefined : allowed.has(hostName(origin));
}

/** The HTTP status of a server error code (the one table in `errors.ts`). */
function httpStatus(code: ServerErrorCode): ContentfulStatusCode {
  return ERROR_TABLE[code].http as ContentfulStatusCode;
}

export function createHttpApp(deps: HttpAppDeps): Hono {
  const app = new Hono();

  app.get(HEALTH_PATH, (c) => c.json({ status: "ok" }));

  app.get(READINESS_PATH, (c) => {
    const stats = deps.poolStats();
    const ready = !deps.isDraining() && stats.ready + stats.booting + stats.busy > 0 && stats.ready > 0;
    return c.json(
      { ready, draining: deps.isDraining(), sandboxes: stats, hardening: deps.hardening },
      ready ? 200 : 503,
    );
  });

  app.get(METRICS_PATH, async (c) => {
    if (!deps.config.metrics.prometheus) return c.text("prometheus metrics are disabled in config\n", 404);
    return c.text(await deps.metrics.registry.metrics(), 200, {
      "content-type": deps.metrics.registry.contentType,
    });
  });

  app.all(MCP_PATH, async (c) => {
    if (!hostAllowed(deps.config, c.req.header("host"), c.req.header("origin"))) {
      return c.json(
        {
          error:
            "forbidden: the Host/Origin header is not an allowed host of this server (DNS-rebinding protection; see listen.allowedHosts)",
        },
        403,
      );
    }
    if (deps.isDraining())
      return c.json(
        { error: "the server is shutting down; retry on another node" },
        httpStatus("SHUTTING_DOWN"),
        {
          "retry-after": "1",
        },
      );
    const principal = deps.auth.authenticate(c.req.header("authorization")) ?? deps.anonymous;
    if (!principal) {
      return c.json(
        {
          error:
            "missing or unknown bearer token: send 'Authorization: Bearer <token>' of a configured principal",
        },
        httpStatus("UNAUTHENTICATED"),
        {
          "www-authenticate": 'Bearer realm="runscript"',
        },
      );
    }
    const stats = deps.poolStats();
    if (stats.queued >= deps.config.pool.maxQueue && c.req.method === "POST") {
      return c.json(
        { error: "busy: every sandbox is in use and the queue is full; retry after 2 s" },
        httpStatus("BUSY"),
        {
          "retry-after": "2",
        },
      );
    }
    const server = createMcpServer(
      deps.service,
      principal,
      deps.config,
      (error) =>
        deps.logger.error(
          {
            event: "tool_internal_error",
            principal: principal.name,
            err: error instanceof Error ? error.message : String(error),
          },
          "tool failed in the server",
        ),
      deps.extras,
    );
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close().catch(() => undefined);
    }
  });

  app.notFound((c) => c.json({ error: "not found: the MCP endpoint is /mcp" }, 404));
  app.onError((error, c) => {
    deps.logger.error({ event: "http_error", err: error.message }, "request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
