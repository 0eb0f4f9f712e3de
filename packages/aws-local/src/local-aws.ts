/**
 * `startLocalAws()`: one HTTP server on 127.0.0.1 that serves STS, CloudWatch and path-style S3,
 * dispatching on the service named in each request's SigV4 credential scope
 * (`.../REGION/SERVICE/aws4_request`). Every request is authenticated and recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { readAuthorization } from "./authenticate.js";
import { type BucketSecurityInput, BucketSecuritySchema, BucketSecurityStore } from "./bucket-security.js";
import {
  type BaseCredentials,
  CredentialStore,
  type IssuedSession,
  randomKeyId,
  randomSecret,
} from "./credential-store.js";
import { AwsServiceError, LocalAwsError } from "./errors.js";
import { Exchange } from "./exchange.js";
import type { LocalAwsLogger } from "./logger.js";
import { MetricStore, type StoredDatapoint } from "./metric-store.js";
import type { RecordedRequest } from "./request-log.js";
import { RequestLog } from "./request-log.js";
import { handleCloudWatch, handleSts, handleUnknownService, type RpcContext } from "./rpc-endpoints.js";
import { S3Backend } from "./s3-backend.js";
import { handleS3, type S3FrontContext } from "./s3-front.js";
import { type BucketTruth, MAX_SEED_BUCKETS, planSeedBuckets } from "./seed.js";
import { MAX_THROTTLE_TIMES, ThrottleSwitch } from "./throttle-switch.js";

/** Largest `latencyMs` accepted. */
export const MAX_LATENCY_MS = 60_000;

/** Options of {@link startLocalAws}, validated once at start. */
export const LocalAwsOptionsSchema = z.object({
  /**
   * Delay added before every response, in milliseconds (default 0, max 60000). Timer-based: each
   * response takes at least this long, possibly more under load; never less.
   */
  latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).default(0),
  /** The 12-digit account id of the base identity (default `123456789012`). */
  accountId: z
    .string()
    .regex(/^\d{12}$/, "accountId must be 12 digits")
    .default("123456789012"),
  /** If set, only these role ARNs may be assumed through STS; others get `AccessDenied`. */
  assumableRoles: z.array(z.string().min(1)).optional(),
  /** Whether to start s3rver and serve S3 (default true). */
  s3: z.boolean().default(true),
  /** Port to listen on, on 127.0.0.1 (default 0 = random free port). */
  port: z.number().int().min(0).max(65_535).default(0),
  /** The base (long-term) credentials; random `AKIA...` ones when omitted. */
  baseCredentials: z
    .object({
      accessKeyId: z.string().regex(/^AKIA[A-Z0-9]{12,124}$/, "accessKeyId must look like AKIA..."),
      secretAccessKey: z.string().min(16),
    })
    .optional(),
});

/** Options of {@link startLocalAws}. */
export type LocalAwsOptions = z.input<typeof LocalAwsOptionsSchema> & {
  /** Receives structured events (proxy failures, internal errors). aws-local never writes to the console. */
  logger?: LocalAwsLogger;
};

/** A running local AWS endpoint. Close it with `close()` or `await using`. */
export interface LocalAws extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`: the single endpoint for every service. */
  readonly endpoint: string;
  /** The same endpoint, per service (all equal; clients sign with the service name, which selects it). */
  readonly endpoints: { readonly s3: string; readonly sts: string; readonly cloudwatch: string };
  /** The host's long-term credentials (the only non-STS credentials aws-local accepts). */
  readonly baseCredentials: BaseCredentials;
  /** Account id of the base identity. */
  readonly accountId: string;
  /** Every request received so far (including rejected ones), oldest first. */
  requests(): RecordedRequest[];
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Every AssumeRole grant so far, with the parameters passed (RoleArn, SourceIdentity, Tags, Policy...). */
  sessions(): IssuedSession[];
  /** Every CloudWatch datapoint stored by PutMetricData, in arrival order. */
  metrics(): StoredDatapoint[];
  /**
   * Creates `n` buckets (max 1000) with mixed security settings, deterministic from `seed`
   * (default 1), and returns the expected truth per bucket. Requires S3.
   */
  seedBuckets(n: number, seed?: number): Promise<BucketTruth[]>;
  /** Sets the security settings the S3 front reports for `bucket` (missing fields take defaults). */
  setBucketSecurity(bucket: string, settings: BucketSecurityInput): void;
  /**
   * Answers the next `times` authenticated calls of `operation` (e.g. `PutObject`, `AssumeRole`,
   * `PutMetricData`) with a throttling error: S3 `SlowDown` 503, STS/CloudWatch `Throttling` 400.
   */
  throttle(operation: string, times: number): void;
  /** Makes issued session credentials expire now (one access key, or all); returns how many. */
  expireCredentials(accessKeyId?: string): number;
  /** Stops the server and s3rver, and removes s3rver's temporary directory. Idempotent. */
  close(): Promise<void>;
}

function invalid(message: string): LocalAwsError {
  return new LocalAwsError("INVALID_ARGUMENT", message);
}

/**
 * Starts aws-local on 127.0.0.1.
 *
 * @example
 * ```ts
 * await using aws = await startLocalAws({ latencyMs: 20 });
 * const sts = new STSClient({ endpoint: aws.endpoints.sts, region: "us-east-1", credentials: aws.baseCredentials });
 * const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "run-1" }));
 * const s3 = new S3Client({ endpoint: aws.endpoints.s3, region: "us-east-1", forcePathStyle: true, credentials: ... });
 * aws.requests().every((r) => r.service !== "s3" || r.credentialKind === "assumed");
 * ```
 */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const { logger, ...rest } = options;
  const parsed = LocalAwsOptionsSchema.safeParse(rest);
  if (!parsed.success) {
    throw invalid(
      `invalid aws-local options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const opts = parsed.data;
  const base: BaseCredentials = opts.baseCredentials ?? {
    accessKeyId: randomKeyId("AKIA"),
    secretAccessKey: randomSecret(),
  };
  const store = new CredentialStore(base);
  const log = new RequestLog();
  const metrics = new MetricStore();
  const throttles = new ThrottleSwitch();
  const security = new BucketSecurityStore();
  const backend = opts.s3 ? await S3Backend.start() : undefined;

  const rpc: RpcContext = {
    store,
    throttles,
    metrics,
    sts: {
      accountId: opts.accountId,
      store,
      assumableRoles: opts.assumableRoles ? new Set(opts.assumableRoles) : undefined,
    },
  };
  const s3: S3FrontContext = { backend, security, store, throttles, accountId: opts.accountId, logger };

  async function dispatch(ex: Exchange): Promise<void> {
    if (opts.latencyMs > 0) await sleep(opts.latencyMs);
    const auth = readAuthorization(ex);
    switch (auth.service) {
      case "s3":
        return handleS3(ex, auth, s3);
      case "sts":
        return handleSts(ex, auth, rpc);
      case "monitoring":
        return handleCloudWatch(ex, auth, rpc);
      default:
        return handleUnknownService(ex, auth, rpc);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ex = new Exchange(req, res, log);
    try {
      await dispatch(ex);
    } catch (err) {
      if (!req.readableEnded) req.resume();
      if (err instanceof AwsServiceError) {
        ex.sendError(err);
      } else {
        logger?.error({ err, requestId: ex.requestId }, "aws-local: internal error");
        ex.sendError(
          new AwsServiceError(500, "InternalError", "We encountered an internal error. Please try again."),
        );
      }
    }
  }

  const server: Server = createServer((req, res) => {
    void onRequest(req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    await backend?.close();
    throw new LocalAwsError("START_FAILED", "aws-local could not listen on 127.0.0.1", { cause: err });
  }
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;

  const assertOpen = (): void => {
    if (closing !== undefined) throw new LocalAwsError("CLOSED", "aws-local is closed");
  };

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await backend?.close();
    })();
    return closing;
  };

  return {
    endpoint,
    endpoints: { s3: endpoint, sts: endpoint, cloudwatch: endpoint },
    baseCredentials: { ...base },
    accountId: opts.accountId,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    sessions: () => store.list(),
    metrics: () => metrics.list(),
    async seedBuckets(n: number, seed = 1): Promise<BucketTruth[]> {
      assertOpen();
      if (!Number.isInteger(n) || n < 0 || n > MAX_SEED_BUCKETS) {
        throw invalid(`n must be an integer between 0 and ${MAX_SEED_BUCKETS}`);
      }
      if (!Number.isInteger(seed) || seed < 0) throw invalid("seed must be a non-negative integer");
      if (backend === undefined) throw invalid("seedBuckets needs S3 (started with s3: false)");
      const plan = planSeedBuckets(n, seed);
      for (const truth of plan) {
        await backend.createBucket(truth.bucket);
        security.set(truth.bucket, truth.security);
      }
      return plan;
    },
    setBucketSecurity(bucket: string, settings: BucketSecurityInput): void {
      const parsedSettings = BucketSecuritySchema.safeParse(settings);
      if (!parsedSettings.success) throw invalid(`invalid bucket security: ${parsedSettings.error.message}`);
      security.set(bucket, parsedSettings.data);
    },
    throttle(operation: string, times: number): void {
      if (!Number.isInteger(times) || times < 0 || times > MAX_THROTTLE_TIMES) {
        throw invalid(`times must be an integer between 0 and ${MAX_THROTTLE_TIMES}`);
      }
      throttles.set(operation, times);
    },
    expireCredentials: (accessKeyId?: string) => store.expire(accessKeyId),
    close,
    [Symbol.asyncDispose]: close,
  };
}
