/**
 * The request log: one entry per HTTP request aws-local received, including the ones it rejected,
 * so a test can prove which credentials signed every call.
 */
import type { SessionTag } from "./credential-store.js";

/**
 * Which credentials signed a request: the long-term base key, an AssumeRole session, a key aws-local
 * never issued (`unknown`), or no usable signature at all (`none`).
 */
export type CredentialKind = "base" | "assumed" | "unknown" | "none";

/** One recorded request. */
export interface RecordedRequest {
  /** The request id aws-local answered with (`x-amzn-RequestId` / `x-amz-request-id`). */
  requestId: string;
  /** ISO-8601 time the request arrived. */
  time: string;
  /** `s3`, `sts`, `cloudwatch`, or the raw signing name for a service aws-local does not serve. */
  service: string;
  /** The SigV4 signing name from the credential scope (`monitoring` for CloudWatch), if any. */
  signingService: string | undefined;
  /** Operation name, e.g. `AssumeRole`, `PutObject`, `GetMetricData`; `Unknown` if not determinable. */
  operation: string;
  method: string;
  /** Path and query as received. */
  url: string;
  /** The `Host` header. */
  host: string | undefined;
  /** Region from the credential scope. */
  region: string | undefined;
  /** Access key id from the credential scope (even when it turned out to be unknown). */
  accessKeyId: string | undefined;
  credentialKind: CredentialKind;
  /** For assumed-role credentials: the role that was assumed. */
  roleArn: string | undefined;
  roleSessionName: string | undefined;
  sourceIdentity: string | undefined;
  sessionTags: SessionTag[] | undefined;
  /** HTTP status answered. */
  status: number;
  /** AWS error code answered, if the request failed. */
  errorCode: string | undefined;
}

/** Append-only in-memory log of {@link RecordedRequest}s. */
export class RequestLog {
  readonly #entries: RecordedRequest[] = [];

  /** Appends an entry. */
  add(entry: RecordedRequest): void {
    this.#entries.push(entry);
  }

  /** Copies of all entries, oldest first. */
  list(): RecordedRequest[] {
    return this.#entries.map((e) => ({
      ...e,
      sessionTags: e.sessionTags?.map((t) => ({ ...t })),
    }));
  }

  /** Forgets all entries. */
  clear(): void {
    this.#entries.length = 0;
  }
}
