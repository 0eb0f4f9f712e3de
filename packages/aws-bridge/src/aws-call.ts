/**
 * One AWS call as boto3 makes it: SDK v3 serializes, signs, retries and sends; the raw response is
 * captured (`raw-capture.ts`) and parsed with botocore's semantics (`response-parser.ts`), then
 * botocore's response handlers run (`response-handlers.ts`). An AWS error becomes an
 * {@link AwsServiceError} carrying botocore's error response dict.
 */
import type { NormalizedSchema } from "@smithy/core/schema";
import { AwsBridgeError } from "./errors.js";
import type { SdkClient, ServiceModule } from "./operations.js";
import { ResponseCapture } from "./raw-capture.js";
import type { RequestContext } from "./request-handlers.js";
import { applyResponseHandlers } from "./response-handlers.js";
import {
  type ParseOptions,
  parseError,
  parseSuccess,
  type WireProtocol,
  wireProtocol,
} from "./response-parser.js";
import { normalized } from "./shape-readers.js";

/** S3 uploads whose body botocore sends without a Content-Type unless the script names one. */
const UNTYPED_BODY_OPERATIONS = new Set(["PutObject", "UploadPart"]);

/**
 * SDK v3 labels an untyped S3 upload `application/octet-stream`; botocore sends no Content-Type
 * (S3 then stores `binary/octet-stream`). Removed before signing, so the request is what boto3 sends.
 */
function omitDefaultContentType(command: object): void {
  const stack = (command as { middlewareStack?: { add: (mw: unknown, o: object) => void } }).middlewareStack;
  stack?.add(
    (next: (args: { request?: { headers?: Record<string, string> } }) => Promise<unknown>) =>
      async (args: { request?: { headers?: Record<string, string> } }) => {
        const headers = args.request?.headers;
        if (headers) {
          for (const k of Object.keys(headers)) if (k.toLowerCase() === "content-type") delete headers[k];
        }
        return next(args);
      },
    { step: "build", priority: "low", name: "runscriptBotocoreContentType" },
  );
}

/** An error AWS answered, as botocore reports it (`ClientError.response`). */
export class AwsServiceError extends Error {
  override readonly name = "AwsServiceError";
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId: string | null,
    readonly response: Record<string, unknown>,
  ) {
    super(message);
  }
}

function protocolOf(client: SdkClient): WireProtocol | null {
  const p = (client.config as { protocol?: unknown }).protocol as { getShapeId?: () => string } | undefined;
  const id = typeof p?.getShapeId === "function" ? p.getShapeId() : null;
  return id ? wireProtocol(id) : null;
}

/** The output schema of an operation, or null. */
function outputSchema(mod: ServiceModule, operation: string): NormalizedSchema | null {
  const op = mod.schemas.get(operation) as readonly unknown[] | undefined;
  return op ? normalized(op[5]) : null;
}

interface ModelSets {
  floats: ReadonlySet<string>;
  policyDocuments: ReadonlySet<string>;
  codeToShape: ReadonlyMap<string, string>;
}
const MODEL_SETS = new WeakMap<ServiceModule, ModelSets>();

/** Lookup tables from botocore's data, built once per loaded service. */
function modelSets(mod: ServiceModule): ModelSets {
  let sets = MODEL_SETS.get(mod);
  if (!sets) {
    const data = mod.botocore;
    sets = {
      floats: new Set(data?.floats ?? []),
      policyDocuments: new Set(data?.policyDocuments ?? []),
      codeToShape: new Map(Object.entries(data?.errors ?? {}).map(([shape, code]) => [code, shape])),
    };
    MODEL_SETS.set(mod, sets);
  }
  return sets;
}

/** What one call needs. */
export interface CallRequest {
  mod: ServiceModule;
  client: SdkClient;
  operation: string;
  input: Record<string, unknown>;
  request: RequestContext;
  maxResponseBytes: number;
  signal: AbortSignal;
}

/** Sends the call and returns boto3's response dict and the request id. */
export async function sendCall(
  req: CallRequest,
): Promise<{ value: Record<string, unknown>; requestId: string | null }> {
  const { mod, client, operation } = req;
  const Command = mod.commands.get(operation);
  if (!Command) throw new AwsBridgeError("InternalError", `no command class for ${operation}`);
  const output = outputSchema(mod, operation);
  if (output?.isStructSchema() && output.getEventStreamMember()) {
    throw new AwsBridgeError(
      "UnsupportedOperation",
      `${operation} answers with an event stream, which the bridge does not carry`,
    );
  }
  const protocol = protocolOf(client);
  const command = new Command(req.input);
  const capture = new ResponseCapture(req.maxResponseBytes);
  capture.attach(command);
  if (mod.service.name === "s3" && UNTYPED_BODY_OPERATIONS.has(operation) && !("ContentType" in req.input)) {
    omitDefaultContentType(command);
  }
  let failure: unknown = null;
  try {
    await client.send(command, { abortSignal: req.signal });
  } catch (err) {
    failure = err;
  }
  const raw = capture.last;
  if (!raw || !protocol || !output) {
    if (failure) throw failure;
    throw new AwsBridgeError("InternalError", `no response was captured for ${operation}`);
  }
  const data = mod.botocore;
  const sets = modelSets(mod);
  const opts: ParseOptions = {
    protocol,
    operation,
    floats: sets.floats,
    order: data?.order ?? {},
    retryAttempts: Math.max(0, capture.attempts - 1),
  };
  const handlerContext = {
    service: mod.service.name,
    operation,
    output,
    body: raw.body,
    policyDocuments: sets.policyDocuments,
    read: { floats: opts.floats, order: opts.order, restJson: protocol === "rest-json" },
    request: req.request,
  };
  if (raw.status >= 301) {
    const parsed = parseError(raw, opts, (code) => {
      const shape = sets.codeToShape.get(code);
      return shape ? mod.errorSchemas.get(shape) : undefined;
    });
    // botocore's after-call handlers see error responses too (GetBucketLocation adds its key).
    applyResponseHandlers(parsed, handlerContext, raw.headers);
    const error = (parsed.Error ?? {}) as Record<string, unknown>;
    const meta = (parsed.ResponseMetadata ?? {}) as Record<string, unknown>;
    const code = typeof error.Code === "string" ? error.Code : String(error.Code ?? raw.status);
    const message = typeof error.Message === "string" ? error.Message : "";
    throw new AwsServiceError(
      code,
      message,
      raw.status,
      typeof meta.RequestId === "string" ? meta.RequestId : null,
      parsed,
    );
  }
  // A 2xx the SDK still refused (e.g. S3's errors inside a 200): the SDK's error is the answer.
  if (failure && !(failure instanceof AwsBridgeError && failure.code === "ResponseTooLarge")) throw failure;
  if (failure) throw failure;
  const value = parseSuccess(output, raw, opts);
  applyResponseHandlers(value, handlerContext, raw.headers);
  const meta = value.ResponseMetadata as Record<string, unknown> | undefined;
  return { value, requestId: typeof meta?.RequestId === "string" ? meta.RequestId : null };
}
