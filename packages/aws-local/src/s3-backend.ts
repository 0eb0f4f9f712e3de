/**
 * The s3rver process-local backend that stores buckets and objects for the S3 front. It listens on
 * its own random 127.0.0.1 port, keeps data in a fresh temporary directory that `close()` removes,
 * and is reached only through the front (which strips the client's signature before proxying;
 * s3rver never sees or checks credentials).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, type IncomingHttpHeaders, request, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalAwsError } from "./errors.js";

/** The options of s3rver 3.x that aws-local sets. */
interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  resetOnClose: boolean;
  vhostBuckets: boolean;
}

/** The part of an s3rver 3.x instance that aws-local uses. */
interface S3rverInstance {
  httpServer: Server | undefined;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

// s3rver is CommonJS and ships no types: load it with require and state the shape relied on above.
const S3rver = createRequire(import.meta.url)("s3rver") as new (options: S3rverOptions) => S3rverInstance;

/** A started s3rver with its temp directory. */
export class S3Backend {
  /** Always `127.0.0.1`. */
  readonly host = "127.0.0.1";
  readonly port: number;
  /** Keep-alive agent for requests to s3rver; destroyed on close. */
  readonly agent: Agent;
  readonly #server: S3rverInstance;
  readonly #directory: string;

  private constructor(server: S3rverInstance, port: number, directory: string) {
    this.#server = server;
    this.port = port;
    this.#directory = directory;
    this.agent = new Agent({ keepAlive: true, maxSockets: 64 });
  }

  /** Starts s3rver on a random port with a new temporary directory. */
  static async start(): Promise<S3Backend> {
    const directory = await mkdtemp(join(tmpdir(), "runscript-aws-local-s3-"));
    try {
      const server = new S3rver({
        address: "127.0.0.1",
        port: 0,
        silent: true,
        directory,
        resetOnClose: false,
        vhostBuckets: false,
      });
      const address = await server.run();
      return new S3Backend(server, address.port, directory);
    } catch (err) {
      await rm(directory, { recursive: true, force: true });
      throw new LocalAwsError("START_FAILED", "s3rver did not start", { cause: err });
    }
  }

  /** Sends a small unauthenticated request straight to s3rver (seeding, existence checks). */
  call(
    method: string,
    path: string,
    body?: string,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
            ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", (err) =>
        reject(new LocalAwsError("BACKEND_FAILED", `s3rver ${method} ${path} failed`, { cause: err })),
      );
      req.end(body);
    });
  }

  /** Whether `bucket` exists in s3rver. */
  async bucketExists(bucket: string): Promise<boolean> {
    const res = await this.call("HEAD", `/${encodeURIComponent(bucket)}`);
    return res.status === 200;
  }

  /** Creates `bucket` (idempotent: an existing bucket is fine). */
  async createBucket(bucket: string): Promise<void> {
    const res = await this.call("PUT", `/${encodeURIComponent(bucket)}`);
    if (res.status !== 200 && res.status !== 409) {
      throw new LocalAwsError(
        "BACKEND_FAILED",
        `s3rver could not create bucket ${bucket}: HTTP ${res.status}`,
      );
    }
  }

  /** Stops s3rver, drops its connections and removes the temporary directory. */
  async close(): Promise<void> {
    this.agent.destroy();
    try {
      const closing = this.#server.close();
      this.#server.httpServer?.closeAllConnections();
      await closing;
    } finally {
      await rm(this.#directory, { recursive: true, force: true });
    }
  }
}
