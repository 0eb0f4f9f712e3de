/**
 * SDK clients, one per (service, region, credentials identity), reused across calls and runs.
 *
 * Only operator configuration shapes a client: region (validated), the principal's credentials
 * provider, endpoint overrides, S3 path style, retries and timeouts. Nothing a script sends reaches
 * client configuration. SQS clients never route to a `QueueUrl` host (`useQueueUrlAsEndpoint:
 * false`), and SDK logging is silenced (it would log parameter values).
 */

import { resolveService } from "./catalog.js";
import type { AwsBridgeConfig } from "./config.js";
import type { CredentialsProvider } from "./credentials.js";
import { AwsBridgeError } from "./errors.js";
import type { SdkClient, ServiceModule } from "./operations.js";
import { SILENT_SDK_LOGGER } from "./sdk-logger.js";

/** Most clients kept; past it the least recently created is destroyed. */
export const MAX_CLIENTS = 512;

type EndpointProvider = (params: Record<string, unknown>) => { url: URL };

/** A cache of SDK clients. */
export class ClientPool {
  readonly #config: AwsBridgeConfig;
  readonly #endpoints: ReadonlyMap<string, string>;
  readonly #clients = new Map<string, SdkClient>();

  readonly #env: Readonly<Record<string, string | undefined>>;

  /**
   * @param env - the environment the SDK's standard endpoint variables are read from (default:
   * `process.env`, read per client creation).
   */
  constructor(config: AwsBridgeConfig, env: Readonly<Record<string, string | undefined>> = process.env) {
    this.#config = config;
    this.#env = env;
    this.#endpoints = new Map(Object.entries(config.endpoints).map(([k, v]) => [resolveService(k).name, v]));
  }

  /**
   * The endpoint override for a service, if any: the operator's per-service `endpoints`, then the
   * single `endpoint`, then `AWS_ENDPOINT_URL_<SERVICE_ID>`, then `AWS_ENDPOINT_URL` (the SDK's
   * standard variables; the service id upper-cased with spaces as `_`).
   */
  endpointOverride(service: string): string | undefined {
    const configured = this.#endpoints.get(service) ?? this.#config.endpoint;
    if (configured) return configured;
    let serviceId: string | undefined;
    try {
      serviceId = resolveService(service).serviceId;
    } catch {
      serviceId = undefined;
    }
    const specific = serviceId
      ? this.#env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, "_")}`]
      : undefined;
    return nonEmpty(specific) ?? nonEmpty(this.#env.AWS_ENDPOINT_URL);
  }

  /** The client for a service in a region with the given credentials (identified by `credentialsKey`). */
  client(
    mod: ServiceModule,
    region: string,
    credentialsKey: string,
    credentials: CredentialsProvider,
  ): SdkClient {
    const key = JSON.stringify([mod.service.name, region, credentialsKey]);
    const existing = this.#clients.get(key);
    if (existing) return existing;
    const name = mod.service.name;
    const endpoint = this.endpointOverride(name);
    const client = new mod.Client({
      region,
      credentials,
      maxAttempts: this.#config.maxAttempts,
      retryMode: this.#config.retryMode,
      logger: SILENT_SDK_LOGGER,
      customUserAgent: "runscript-aws-bridge",
      requestHandler: {
        requestTimeout: this.#config.requestTimeoutMs,
        connectionTimeout: Math.min(10_000, this.#config.requestTimeoutMs),
      },
      ...(endpoint ? { endpoint } : {}),
      ...(name === "s3" ? { forcePathStyle: this.#config.forcePathStyle, followRegionRedirects: false } : {}),
      ...(name === "sqs" ? { useQueueUrlAsEndpoint: false } : {}),
    });
    this.#clients.set(key, client);
    if (this.#clients.size > MAX_CLIENTS) {
      const oldest = this.#clients.keys().next().value;
      if (oldest !== undefined) {
        this.#clients.get(oldest)?.destroy();
        this.#clients.delete(oldest);
      }
    }
    return client;
  }

  /** The endpoint a client sends to: the operator override, else the SDK's resolved endpoint. */
  endpointFor(service: string, region: string, client: SdkClient): URL {
    const override = this.endpointOverride(service);
    if (override) return new URL(override);
    const provider = (client.config as { endpointProvider?: unknown }).endpointProvider;
    if (typeof provider !== "function") {
      throw new AwsBridgeError("InternalError", `cannot resolve the ${service} endpoint`);
    }
    return (provider as EndpointProvider)({ Region: region, UseFIPS: false, UseDualStack: false }).url;
  }

  /** Destroys every client (closing their sockets). */
  close(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.length > 0 ? value : undefined;
}
