/**
 * The server's HTTP surface as a deployment sees it: the port it listens on by default and the
 * paths a load balancer and a container health check probe.
 */

/** Default listen port of `runscript serve` (`listen.port`) and the container port in `infra/`. */
export const DEFAULT_PORT = 8787;

/** The MCP Streamable HTTP endpoint. */
export const MCP_PATH = "/mcp";

/** Liveness: 200 while the process serves HTTP (container health check). */
export const HEALTH_PATH = "/healthz";

/** Readiness: 200 while the node can take work (load-balancer health check). */
export const READINESS_PATH = "/readyz";

/** Prometheus metrics. */
export const METRICS_PATH = "/metrics";
