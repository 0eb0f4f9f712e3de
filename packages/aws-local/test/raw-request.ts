import { request } from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Creds } from "./helpers.js";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request over node:http exactly as given (no headers added except what Node requires). */
export function rawRequest(
  endpoint: string,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body?: string | Uint8Array,
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: pathAndQuery, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** RFC 3986 encoding, as AWS clients encode query strings. */
export function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SignInput {
  endpoint: string;
  service: string;
  credentials: Creds;
  method: string;
  /** Already URI-encoded path. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  signingDate?: Date;
}

/**
 * Signs with @smithy/signature-v4 (an implementation independent of aws-local's verifier) and
 * returns what to send.
 */
export async function smithySign(
  input: SignInput,
): Promise<{ pathAndQuery: string; headers: Record<string, string>; body: string | undefined }> {
  const url = new URL(input.endpoint);
  const signer = new SignatureV4({
    service: input.service,
    region: "us-east-1",
    credentials: input.credentials,
    sha256: Sha256,
    uriEscapePath: input.service !== "s3",
    applyChecksum: input.service === "s3",
  });
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: input.path,
      query: input.query ?? {},
      headers: { host: url.host, ...(input.headers ?? {}) },
      body: input.body,
    },
    input.signingDate ? { signingDate: input.signingDate } : {},
  );
  const query = Object.entries(input.query ?? {})
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join("&");
  return {
    pathAndQuery: query === "" ? input.path : `${input.path}?${query}`,
    headers: signed.headers as Record<string, string>,
    body: input.body,
  };
}

/** Presigns (query-string signature) with @smithy/signature-v4. */
export async function smithyPresign(input: SignInput): Promise<string> {
  const url = new URL(input.endpoint);
  const signer = new SignatureV4({
    service: input.service,
    region: "us-east-1",
    credentials: input.credentials,
    sha256: Sha256,
    uriEscapePath: false,
  });
  const presigned = await signer.presign({
    method: input.method,
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: input.path,
    query: input.query ?? {},
    headers: { host: url.host },
  });
  const query = Object.entries(presigned.query ?? {})
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join("&");
  return `${input.path}?${query}`;
}
