/**
 * Request handlers of the RPC-style services on the shared endpoint: STS (AWS Query), CloudWatch
 * (AWS JSON 1.0), and the clean rejection of any other service a client points at aws-local.
 */

import { verifyRequest } from "./authenticate.js";
import { readBody } from "./body.js";
import { cloudWatchOperation, runCloudWatchOperation } from "./cloudwatch.js";
import type { CredentialStore } from "./credential-store.js";
import { AwsServiceError } from "./errors.js";
import type { Exchange } from "./exchange.js";
import type { MetricStore } from "./metric-store.js";
import { type ParsedAuthorization, sha256Hex } from "./sigv4.js";
import { queryResponse, runStsAction, STS_NAMESPACE, type StsContext } from "./sts.js";
import type { ThrottleSwitch } from "./throttle-switch.js";
import { XML_DECLARATION } from "./xml.js";

/** Largest STS / CloudWatch request body accepted (CloudWatch's own PutMetricData limit is 1 MB). */
export const MAX_RPC_BODY_BYTES = 2 * 1024 * 1024;

/** What the RPC handlers need. */
export interface RpcContext {
  store: CredentialStore;
  throttles: ThrottleSwitch;
  metrics: MetricStore;
  sts: StsContext;
}

function queryParams(ex: Exchange, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(ex.rawQuery);
  if ((ex.req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.append(k, v);
  }
  return params;
}

/** STS: `Action=AssumeRole` / `Action=GetCallerIdentity` over the Query protocol. */
export async function handleSts(ex: Exchange, auth: ParsedAuthorization, ctx: RpcContext): Promise<void> {
  ex.protocol = "query";
  const body = await readBody(ex.req, MAX_RPC_BODY_BYTES);
  const params = queryParams(ex, body);
  const action = params.get("Action");
  ex.draft.operation = action ?? "Unknown";
  const caller = verifyRequest(ex, auth, ctx.store, sha256Hex(body));
  const throttled = ctx.throttles.take(ex.draft.operation, "query");
  if (throttled !== undefined) throw throttled;
  if (action === null) throw new AwsServiceError(400, "MissingAction", "Missing Action parameter");
  const result = runStsAction(action, params, caller, ctx.sts);
  ex.send(
    200,
    { "content-type": "text/xml" },
    XML_DECLARATION + queryResponse(action, result, ex.requestId, STS_NAMESPACE),
  );
}

/** CloudWatch (`monitoring`): AWS JSON 1.0 with `X-Amz-Target: GraniteServiceVersion20100801.*`. */
export async function handleCloudWatch(
  ex: Exchange,
  auth: ParsedAuthorization,
  ctx: RpcContext,
): Promise<void> {
  const target = ex.req.headers["x-amz-target"];
  const operation = cloudWatchOperation(typeof target === "string" ? target : undefined);
  ex.draft.operation = operation ?? ex.query.get("Action") ?? "Unknown";
  const body = await readBody(ex.req, MAX_RPC_BODY_BYTES);
  verifyRequest(ex, auth, ctx.store, sha256Hex(body));
  const throttled = ctx.throttles.take(ex.draft.operation, ex.protocol);
  if (throttled !== undefined) throw throttled;
  if (operation === undefined) {
    throw new AwsServiceError(
      400,
      "InvalidAction",
      "aws-local serves CloudWatch over AWS JSON 1.0 only (X-Amz-Target: GraniteServiceVersion20100801.<Operation>)",
    );
  }
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch {
    throw new AwsServiceError(400, "SerializationException", "The request body is not valid JSON");
  }
  const output = runCloudWatchOperation(operation, input, ctx.metrics);
  ex.send(200, { "content-type": "application/x-amz-json-1.0" }, JSON.stringify(output));
}

/**
 * Any other service: authenticate (so the log shows who tried), then answer the protocol's
 * "unknown operation" error: `InvalidAction` for Query clients, `UnknownOperationException` for JSON.
 */
export async function handleUnknownService(
  ex: Exchange,
  auth: ParsedAuthorization,
  ctx: RpcContext,
): Promise<void> {
  const target = ex.req.headers["x-amz-target"];
  if (ex.protocol === "s3") ex.protocol = "json";
  const body = await readBody(ex.req, MAX_RPC_BODY_BYTES);
  const params = ex.protocol === "query" ? queryParams(ex, body) : undefined;
  ex.draft.operation =
    (typeof target === "string" ? target.slice(target.lastIndexOf(".") + 1) : params?.get("Action")) ??
    "Unknown";
  verifyRequest(ex, auth, ctx.store, sha256Hex(body));
  const message = `aws-local does not serve the ${auth.service} service`;
  throw ex.protocol === "query"
    ? new AwsServiceError(400, "InvalidAction", message)
    : new AwsServiceError(400, "UnknownOperationException", message);
}
