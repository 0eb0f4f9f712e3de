/**
 * The AWS bridge: one per server. `forRun` gives each run a `RunBridge` that answers the sandbox's
 * requests (JSON in, JSON out, never throwing) with the run's principal, policy and budgets, making
 * the AWS call on the host with the principal's credentials and auditing every call.
 *
 * @example
 * ```ts
 * const bridge = new AwsBridge({ logger, config: { defaultRegion: "eu-west-1" } });
 * const run = bridge.forRun({ principal: { name: "triage-bot", roleArn, readOnly: true }, runId });
 * await pool.run({ ..., hostCall: (payload) => run.handle(payload) });
 * result.api_calls = run.calls();
 * await bridge.close();
 * ```
 */
import type { Logger } from "pino";
import { downgradeToV1 } from "./answer-compat.js";
import { RunAudit } from "./audit.js";
import { sendCall } from "./aws-call.js";
import { CallBudget } from "./budget.js";
import { resolveService, serviceByBoto3Name } from "./catalog.js";
import { clientInfo } from "./client-info.js";
import { ClientPool } from "./client-pool.js";
import {
  type AwsBridgeConfig,
  type AwsBridgeConfigInput,
  AwsBridgeConfigSchema,
  type PrincipalConfig,
  type PrincipalConfigInput,
  PrincipalConfigSchema,
  type RunBudget,
  RunBudgetSchema,
} from "./config.js";
import {
  type AssumeRoleFn,
  CredentialBroker,
  type CredentialsProvider,
  principalKey,
} from "./credentials.js";
import { toBridgeError } from "./error-mapping.js";
import { AwsBridgeError } from "./errors.js";
import { loadServiceModule, resolveOperation } from "./operations.js";
import { paginatorInfo } from "./paginators.js";
import { renderReport, validateParams } from "./param-validation.js";
import { Policy } from "./policy.js";
import {
  type ApiCallRecord,
  type AwsCallRequest,
  AwsCallRequestSchema,
  type AwsClientRequest,
  type AwsDocRequest,
  type AwsDocValue,
  type AwsPaginatorRequest,
  type AwsWaiterRequest,
  type BridgeError,
  BridgeRequestSchema,
  type BridgeResponse,
} from "./protocol.js";
import { parseRequestJson } from "./py-values.js";
import { RateLimiter } from "./rate-limit.js";
import { isKnownRegion, validateRegion } from "./regions.js";
import { applyRequestHandlers } from "./request-handlers.js";
import { toSdkInput } from "./sdk-input.js";
import { checkUrlParams, hasUrlParams } from "./url-params.js";
import { decodeParams } from "./validate.js";
import { waiterConfig } from "./waiters.js";

/** Options of {@link AwsBridge}. */
export interface AwsBridgeOptions {
  /** Operator configuration (parsed here with `AwsBridgeConfigSchema`; defaults apply). */
  config?: AwsBridgeConfigInput | undefined;
  /** Receives audit events (`aws_call`, `aws_assume_role`) and host faults. */
  logger: Logger;
  /** Base credentials; default: the SDK's default provider chain. */
  baseCredentials?: CredentialsProvider | undefined;
  /** How sessions are made; default: STS AssumeRole with the base credentials. */
  assumeRole?: AssumeRoleFn | undefined;
  /**
   * Answers `aws.doc` (an operation's documentation text, e.g. `@runscript/aws-docs`). Without it,
   * `aws.doc` answers `UnsupportedOperation`.
   */
  docs?: OperationDocs | undefined;
}

/** Where `aws.doc` answers come from. Throws `AwsBridgeError` (`UnknownService`, `UnknownOperation`). */
export interface OperationDocs {
  docText(service: string, operation: string): Promise<string>;
}

/** What a run is: who it acts as, its id, and budget overrides (each up to the operator's maximum). */
export interface RunContext {
  principal: PrincipalConfigInput;
  runId: string;
  limits?: Partial<RunBudget> | undefined;
  /** Region of calls (and clients) that name none; default: the bridge's `defaultRegion`. */
  defaultRegion?: string | undefined;
}

/** One run's view of the bridge. */
export interface RunBridge {
  readonly runId: string;
  readonly principal: string;
  /** Region of calls that name none. */
  readonly defaultRegion: string;
  /** Largest request this run accepts, in UTF-8 bytes of JSON (its budget's `maxRequestBytes`). */
  readonly maxRequestBytes: number;
  /** Answers one sandbox request (JSON text). Never throws: every failure is an error answer. */
  handle(payloadJson: string): Promise<string>;
  /** Makes one AWS call from a typed request (the MCP `call_aws` tool). Never throws. */
  call(req: AwsCallRequest): Promise<BridgeResponse>;
  /** The run's calls so far, for the run result's `api_calls`. */
  calls(): ApiCallRecord[];
}

interface Answer {
  response: BridgeResponse;
  json: string;
}

function asParams(raw: unknown): Record<string, unknown> {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new AwsBridgeError("InvalidParameterValue", "Invalid parameter params: params must be an object");
  }
  return raw as Record<string, unknown>;
}

function success(value: unknown): Answer {
  const response: BridgeResponse = { ok: true, value };
  return { response, json: JSON.stringify(response) };
}

function failure(error: BridgeError): Answer {
  const response: BridgeResponse = { ok: false, error };
  return { response, json: JSON.stringify(response) };
}

function hostError(err: AwsBridgeError, operation: string | null = null): Answer {
  return failure({
    code: err.code,
    message: err.message,
    httpStatus: err.httpStatus,
    requestId: null,
    operation,
  });
}

/** The host side of the AWS call bridge. */
export class AwsBridge {
  readonly config: AwsBridgeConfig;
  readonly #logger: Logger;
  readonly #broker: CredentialBroker;
  readonly #pool: ClientPool;
  readonly #rates: RateLimiter;
  readonly #abort = new AbortController();
  readonly #docs: OperationDocs | undefined;
  #closed = false;

  constructor(opts: AwsBridgeOptions) {
    const parsed = AwsBridgeConfigSchema.safeParse(opts.config ?? {});
    if (!parsed.success) {
      throw new AwsBridgeError("InvalidConfig", `invalid AWS bridge config: ${parsed.error.message}`);
    }
    this.config = parsed.data;
    this.#logger = opts.logger;
    this.#docs = opts.docs;
    this.#pool = new ClientPool(this.config);
    this.#rates = new RateLimiter(this.config.rateLimits);
    this.#broker = new CredentialBroker({
      baseCredentials: opts.baseCredentials,
      assumeRole: opts.assumeRole,
      sts: {
        region: this.config.defaultRegion,
        endpoint: this.#pool.endpointOverride("sts"),
        maxAttempts: this.config.maxAttempts,
      },
      logger: opts.logger,
    });
  }

  /**
   * A run's bridge. Throws `InvalidConfig` for an invalid principal, `LimitAboveMaximum` when
   * `limits` exceed the operator's maxima, `BridgeClosed` after `close()`.
   */
  forRun(ctx: RunContext): RunBridge {
    if (this.#closed) throw new AwsBridgeError("BridgeClosed", "the AWS bridge is closed");
    const principal = PrincipalConfigSchema.safeParse(ctx.principal);
    if (!principal.success) {
      throw new AwsBridgeError("InvalidConfig", `invalid principal: ${principal.error.message}`);
    }
    const defaultRegion = ctx.defaultRegion ?? this.config.defaultRegion;
    if (!isKnownRegion(defaultRegion)) {
      throw new AwsBridgeError("InvalidRegion", `'${defaultRegion.slice(0, 64)}' is not an AWS region name`);
    }
    const limits = RunBudgetSchema.safeParse({ ...this.config.budgets.defaults, ...ctx.limits });
    if (!limits.success)
      throw new AwsBridgeError("InvalidConfig", `invalid run limits: ${limits.error.message}`);
    for (const key of Object.keys(limits.data) as (keyof RunBudget)[]) {
      if (limits.data[key] > this.config.budgets.maxima[key]) {
        throw new AwsBridgeError(
          "LimitAboveMaximum",
          `${key} ${limits.data[key]} is above the maximum ${this.config.budgets.maxima[key]}`,
        );
      }
    }
    return new RunBridgeImpl(this, this.#internals(), principal.data, ctx.runId, limits.data, defaultRegion);
  }

  /** Region of calls that name none, for runs that set no `defaultRegion` of their own. */
  get defaultRegion(): string {
    return this.config.defaultRegion;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Aborts calls in flight, destroys SDK clients and forgets cached sessions. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.#pool.close();
    this.#broker.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #internals(): BridgeInternals {
    return {
      logger: this.#logger,
      broker: this.#broker,
      pool: this.#pool,
      rates: this.#rates,
      signal: this.#abort.signal,
      docs: this.#docs,
    };
  }
}

interface BridgeInternals {
  logger: Logger;
  broker: CredentialBroker;
  pool: ClientPool;
  rates: RateLimiter;
  signal: AbortSignal;
  docs: OperationDocs | undefined;
}

class RunBridgeImpl implements RunBridge {
  readonly runId: string;
  readonly principal: string;
  readonly defaultRegion: string;
  readonly #bridge: AwsBridge;
  readonly #internals: BridgeInternals;
  readonly #principal: PrincipalConfig;
  readonly #principalKey: string;
  readonly #policy: Policy;
  readonly #budget: CallBudget;
  readonly #audit: RunAudit;

  constructor(
    bridge: AwsBridge,
    internals: BridgeInternals,
    principal: PrincipalConfig,
    runId: string,
    limits: RunBudget,
    defaultRegion: string,
  ) {
    this.defaultRegion = defaultRegion;
    this.#bridge = bridge;
    this.#internals = internals;
    this.#principal = principal;
    this.#principalKey = principalKey(principal);
    this.principal = principal.name;
    this.runId = runId;
    this.#policy = new Policy(principal);
    this.#budget = new CallBudget(limits);
    this.#audit = new RunAudit(internals.logger, principal.name, runId, limits.maxCalls);
  }

  get maxRequestBytes(): number {
    return this.#budget.limits.maxRequestBytes;
  }

  calls(): ApiCallRecord[] {
    return this.#audit.records();
  }

  async handle(payloadJson: string): Promise<string> {
    try {
      return (await this.#handle(payloadJson)).json;
    } catch (err) {
      // Unreachable by design; a last guard so the sandbox always gets an answer.
      return failure(this.#mapError(err, null, null, null)).json;
    }
  }

  async call(req: AwsCallRequest): Promise<BridgeResponse> {
    try {
      const parsed = AwsCallRequestSchema.safeParse(req);
      if (!parsed.success) return invalidRequest(parsed.error.issues).response;
      let size: number;
      try {
        size = Buffer.byteLength(JSON.stringify(req));
      } catch {
        return hostError(new AwsBridgeError("InvalidRequest", "the request cannot be serialized as JSON"))
          .response;
      }
      if (size > this.#budget.limits.maxRequestBytes) return this.#tooLarge().response;
      return (await this.#call(parsed.data, (req as { params?: unknown }).params)).response;
    } catch (err) {
      return failure(this.#mapError(err, null, null, null)).response;
    }
  }

  async #handle(payload: unknown): Promise<Answer> {
    const max = this.#budget.limits.maxRequestBytes;
    if (typeof payload !== "string") {
      return hostError(new AwsBridgeError("InvalidRequest", "a bridge request must be a JSON string"));
    }
    // A string has at least as many UTF-8 bytes as UTF-16 units: the cheap test first.
    if (payload.length > max || Buffer.byteLength(payload, "utf8") > max) return this.#tooLarge();
    let raw: unknown;
    try {
      raw = parseRequestJson(payload);
    } catch {
      return hostError(new AwsBridgeError("InvalidRequest", "the bridge request is not valid JSON"));
    }
    const parsed = BridgeRequestSchema.safeParse(raw);
    if (!parsed.success) return invalidRequest(parsed.error.issues);
    const req = parsed.data;
    switch (req.op) {
      case "aws.call":
        // The raw params (not zod's copy) go to the validator, so every key is seen and checked.
        return this.#call(req, (raw as { params?: unknown }).params);
      case "aws.paginator":
        return this.#paginator(req);
      case "aws.doc":
        return this.#doc(req);
      case "aws.client":
        return this.#client(req);
      case "aws.waiter":
        return this.#waiter(req);
    }
  }

  async #client(req: AwsClientRequest): Promise<Answer> {
    try {
      // boto3.client(name) takes the exact boto3 name; anything else is UnknownServiceError.
      const mod = await loadServiceModule(serviceByBoto3Name(req.service));
      const region = validateRegion(req.region ?? this.defaultRegion);
      return success(clientInfo(mod, region));
    } catch (err) {
      return failure(this.#mapError(err, req.service, null, null));
    }
  }

  async #waiter(req: AwsWaiterRequest): Promise<Answer> {
    try {
      const mod = await loadServiceModule(resolveService(req.service));
      return success(waiterConfig(mod, req.name));
    } catch (err) {
      return failure(this.#mapError(err, req.service, null, null));
    }
  }

  #tooLarge(): Answer {
    const max = this.#budget.limits.maxRequestBytes;
    return hostError(new AwsBridgeError("RequestTooLarge", `the bridge request is over ${max} bytes`));
  }

  async #paginator(req: AwsPaginatorRequest): Promise<Answer> {
    let operation: string | null = null;
    try {
      const service = resolveService(req.service);
      const mod = await loadServiceModule(service);
      operation = resolveOperation(mod, req.operation);
      return success(paginatorInfo(service.name, operation));
    } catch (err) {
      return failure(this.#mapError(err, req.service, operation, null));
    }
  }

  async #doc(req: AwsDocRequest): Promise<Answer> {
    try {
      const docs = this.#internals.docs;
      if (!docs) {
        throw new AwsBridgeError(
          "UnsupportedOperation",
          "operation documentation is not available on this server",
        );
      }
      const value: AwsDocValue = { text: await docs.docText(req.service, req.operation) };
      const response: BridgeResponse = { ok: true, value };
      return { response, json: JSON.stringify(response) };
    } catch (err) {
      return failure(this.#mapError(err, req.service, null, null));
    }
  }

  async #call(req: AwsCallRequest, rawParams: unknown): Promise<Answer> {
    const started = performance.now();
    let service = req.service;
    let operation: string | null = null;
    // Only a validated region is recorded; a hostile one never reaches the audit trail.
    let region: string | null = null;
    let requestId: string | null = null;
    let answer: Answer;
    try {
      if (this.#bridge.closed) throw new AwsBridgeError("BridgeClosed", "the AWS bridge is closed");
      this.#budget.count();
      const entry = resolveService(req.service);
      service = entry.name;
      const mod = await loadServiceModule(entry);
      const op = resolveOperation(mod, req.operation);
      operation = op;
      region = validateRegion(req.region ?? this.defaultRegion);
      const model = mod.botocore;
      const handled = applyRequestHandlers(service, op, asParams(rawParams), model);
      // Guards (prototype keys, depth, malformed tags), then botocore's validation.
      const decoded = decodeParams(handled.params);
      const inputShape = model?.operations[op]?.[1];
      if (model && inputShape !== undefined) {
        const params = handled.params;
        const checked = validateParams(params, model.shapes, inputShape);
        if (checked.problems.length > 0) {
          const report = renderReport(params, checked);
          throw new AwsBridgeError("ParamValidation", `Parameter validation failed:\n${report}`, {
            details: { report, problems: checked.problems },
          });
        }
      }
      // After validation, as boto3 raises ParamValidationError before anything else happens.
      this.#policy.check(entry.iamPrefix, op);
      const input = toSdkInput(decoded, model?.shapes ?? null, inputShape ?? null);
      const release = await this.#budget.acquire();
      try {
        if (this.#bridge.closed) throw new AwsBridgeError("BridgeClosed", "the AWS bridge is closed");
        await this.#internals.rates.wait(
          `${entry.iamPrefix}:${op}`,
          this.#principalKey,
          region,
          this.#internals.signal,
        );
        const credentialsKey = this.#principal.roleArn ? this.#principalKey : "base";
        const credentials = this.#internals.broker.providerFor(this.#principal);
        const client = this.#internals.pool.client(mod, region, credentialsKey, credentials);
        if (hasUrlParams(service, input)) {
          checkUrlParams(service, input, this.#internals.pool.endpointFor(service, region, client));
        }
        const maxResponse = this.#budget.limits.maxResponseBytes;
        const sent = await sendCall({
          mod,
          client,
          operation: op,
          input,
          request: handled.context,
          // Bytes travel as base64 in the answer: a body can be about 3/4 of the answer limit.
          maxResponseBytes: Math.floor((maxResponse * 3) / 4),
          signal: this.#internals.signal,
        });
        requestId = sent.requestId;
        const value = req.v === 2 ? sent.value : downgradeToV1(sent.value);
        const response: BridgeResponse = { ok: true, value };
        const json = JSON.stringify(response);
        if (json.length > maxResponse || Buffer.byteLength(json, "utf8") > maxResponse) {
          throw new AwsBridgeError("ResponseTooLarge", `the response is over ${maxResponse} bytes of JSON`);
        }
        answer = { response, json };
      } finally {
        release();
      }
    } catch (err) {
      answer = failure(this.#mapError(err, service, operation, region));
    }
    const error = answer.response.ok ? null : answer.response.error;
    const denied = error?.code === "AccessDeniedByPolicy" || error?.code === "CallBudgetExceeded";
    this.#audit.record({
      service,
      operation: operation ?? req.operation,
      region,
      outcome: error ? (denied ? "denied" : "error") : "success",
      errorCode: error?.code ?? null,
      latencyMs: performance.now() - started,
      requestId: error?.requestId ?? requestId,
    });
    return answer;
  }

  #mapError(
    err: unknown,
    service: string | null,
    operation: string | null,
    region: string | null,
  ): BridgeError {
    const closed = this.#bridge.closed && !(err instanceof AwsBridgeError);
    return toBridgeError(closed ? new AwsBridgeError("BridgeClosed", "the AWS bridge is closed") : err, {
      service,
      operation,
      region,
      redact: (text) => this.#internals.broker.redact(text),
      logger: this.#internals.logger,
    });
  }
}

function invalidRequest(issues: readonly { path: PropertyKey[]; message: string }[]): Answer {
  const detail = issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join(".") || "request"}: ${i.message}`)
    .join("; ");
  return hostError(new AwsBridgeError("InvalidRequest", `invalid bridge request (${detail.slice(0, 500)})`));
}
