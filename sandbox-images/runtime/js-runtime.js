// runscript JavaScript runtime: runs first inside every fresh isolate that hosts a JavaScript script.
//
// One function expression, called by the sandbox process with isolated-vm References to its host
// functions (kept in this closure only, never on globalThis). It defines what a JavaScript script
// sees: `console` (captured into stdout/stderr), `aws` (the AWS bridge: same protocol, policy,
// budgets and audit trail as Python's boto3 surface), `setTimeout`/`clearTimeout` (die with the
// isolate) and nothing else: no require, import, process, fetch or host objects.
//
// The sandbox process calls it with one object of named fields (RuntimeHostFunctions in
// packages/sandbox/src/worker/isolate-api.worker.ts); `run` takes JavaScriptRunArgs.
(function runscriptJsRuntime({ schedule, output, call: hostCall }) {
  // ------------------------------------------------------------ output
  let outputBudget = 0;
  let outputTruncated = false;
  function write(fd, text) {
    if (outputTruncated || text.length === 0) return;
    if (text.length > outputBudget) {
      text = text.slice(0, Math.max(0, outputBudget));
      outputTruncated = true;
    }
    outputBudget -= text.length;
    if (text.length > 0) output.applyIgnored(undefined, [fd, text]);
    if (outputTruncated) output.applyIgnored(undefined, [fd, ""]);
  }
  function show(value) {
    if (typeof value === "string") return value;
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    try {
      const json = JSON.stringify(toJsonable(value, 0, new Set()));
      return json === undefined ? String(value) : json;
    } catch {
      return String(value);
    }
  }
  const line = (args) => `${args.map(show).join(" ")}\n`;
  const consoleObject = Object.freeze({
    log: (...a) => write(1, line(a)),
    info: (...a) => write(1, line(a)),
    debug: (...a) => write(1, line(a)),
    warn: (...a) => write(2, line(a)),
    error: (...a) => write(2, line(a)),
  });
  Object.defineProperty(globalThis, "console", {
    value: consoleObject,
    writable: false,
    configurable: false,
  });

  // ------------------------------------------------------------ timers (host-driven)
  const timers = new Map();
  let nextTimer = 1;
  globalThis.setTimeout = (fn, ms = 0, ...args) => {
    if (typeof fn !== "function") throw new TypeError("setTimeout: callback must be a function");
    const id = nextTimer++;
    timers.set(id, () => fn(...args));
    schedule.applyIgnored(undefined, [id, Math.max(0, Number(ms) || 0)]);
    return id;
  };
  globalThis.clearTimeout = (id) => {
    timers.delete(id);
  };
  function fireTimer(id) {
    const fn = timers.get(id);
    if (!fn) return;
    timers.delete(id);
    fn();
  }

  // ------------------------------------------------------------ values across the bridge
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function toBase64(bytes) {
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
      out += i + 2 < bytes.length ? B64[n & 63] : "=";
    }
    return out;
  }
  function fromBase64(text) {
    const clean = String(text).replace(/[^A-Za-z0-9+/]/g, "");
    const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
    let j = 0;
    for (let i = 0; i < clean.length; i += 4) {
      const n =
        (B64.indexOf(clean[i]) << 18) |
        (B64.indexOf(clean[i + 1]) << 12) |
        ((B64.indexOf(clean[i + 2] ?? "A") & 63) << 6) |
        (B64.indexOf(clean[i + 3] ?? "A") & 63);
      out[j++] = (n >> 16) & 255;
      if (i + 2 < clean.length) out[j++] = (n >> 8) & 255;
      if (i + 3 < clean.length) out[j++] = n & 255;
    }
    return out.subarray(0, j);
  }
  function encode(value, depth) {
    if (depth > 64) throw new TypeError("parameters are nested too deeply");
    if (value === null || value === undefined) return null;
    if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
    if (value instanceof ArrayBuffer) return { $bytes: toBase64(new Uint8Array(value)) };
    if (value instanceof Date) return { $date: value.toISOString() };
    if (Array.isArray(value)) return value.map((v) => encode(v, depth + 1));
    if (typeof value === "object") {
      const out = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v, depth + 1);
      return out;
    }
    if (typeof value === "bigint") return Number(value);
    if (typeof value === "function" || typeof value === "symbol") {
      throw new TypeError(`cannot send a ${typeof value} as an AWS parameter`);
    }
    return value;
  }
  function decode(value) {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === "object") {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === "$bytes") return fromBase64(value.$bytes);
      if (keys.length === 1 && keys[0] === "$date") return new Date(value.$date);
      const out = {};
      for (const k of keys) out[k] = decode(value[k]);
      return out;
    }
    return value;
  }

  // ------------------------------------------------------------ the aws object
  class AwsError extends Error {
    constructor(error) {
      super(String(error.message));
      this.name = String(error.code);
      this.code = String(error.code);
      this.statusCode = error.httpStatus ?? undefined;
      this.requestId = error.requestId ?? undefined;
      this.operation = error.operation ?? undefined;
      this.$metadata = { httpStatusCode: this.statusCode, requestId: this.requestId };
    }
  }
  // The host answers with the bridge's JSON text, or with `{ failure: { code, message } }` in the
  // sandbox's own codes when the call could not be delivered; this runtime turns a failure into the
  // bridge's error (same table as the Python prelude; test/integration/host-call-failures.test.ts
  // checks both against packages/aws-bridge/src/errors.ts).
  const HOST_CALL_FAILURE_AS_BRIDGE_ERROR = {
    NO_HANDLER: { kind: "refused", code: "BridgeUnavailable", httpStatus: 503 },
    PAYLOAD_TOO_LARGE: { kind: "refused", code: "RequestTooLarge", httpStatus: 413 },
    HANDLER_FAILED: { kind: "host", code: "InternalError", httpStatus: 500 },
    RUN_ENDED: { kind: "refused", code: "RunEnded", httpStatus: 503 },
  };
  async function hostRequest(request) {
    const reply = await hostCall.apply(undefined, [JSON.stringify(request)], {
      result: { promise: true, copy: true },
    });
    if (typeof reply !== "string") {
      const failure = reply?.failure ?? {};
      const mapped =
        HOST_CALL_FAILURE_AS_BRIDGE_ERROR[failure.code] ?? HOST_CALL_FAILURE_AS_BRIDGE_ERROR.HANDLER_FAILED;
      throw new AwsError({
        ...mapped,
        message: String(failure.message ?? ""),
        requestId: null,
        operation: null,
      });
    }
    const parsed = JSON.parse(reply);
    if (!parsed.ok) throw new AwsError(parsed.error);
    return decode(parsed.value);
  }
  async function call(service, operation, params = {}, options = {}) {
    return hostRequest({
      op: "aws.call",
      service: String(service),
      operation: String(operation),
      region: options.region == null ? null : String(options.region),
      params: encode(params ?? {}, 0),
    });
  }
  async function* paginate(service, operation, params = {}, options = {}) {
    const info = await hostRequest({
      op: "aws.paginator",
      service: String(service),
      operation: String(operation),
    });
    if (info === null) throw new TypeError(`${service}.${operation} cannot be paginated`);
    // botocore's config; tokens that are lists or JMESPath expressions need boto3 (Python).
    const simple = /^[A-Za-z0-9_]+$/;
    if (!simple.test(String(info.input_token)) || !simple.test(String(info.output_token))) {
      throw new TypeError(
        `${service}.${operation} paginates with several tokens: page it with Python's boto3`,
      );
    }
    let request = { ...params };
    const seen = new Set();
    for (;;) {
      const page = await call(service, operation, request, options);
      yield page;
      if (info.more_results && !page?.[info.more_results]) return;
      const token = page?.[info.output_token];
      if (token === undefined || token === null || token === "") return;
      const key = JSON.stringify(token);
      if (seen.has(key)) return; // a service that repeats its token would loop forever
      seen.add(key);
      request = { ...request, [info.input_token]: token };
    }
  }
  const pascal = (name) => name.charAt(0).toUpperCase() + name.slice(1);
  function client(service, options = {}) {
    return new Proxy(Object.freeze({}), {
      get(_target, prop) {
        if (typeof prop !== "string" || prop === "then") return undefined;
        if (prop === "paginate")
          return (operation, params) => paginate(service, pascal(operation), params, options);
        return (params = {}) => call(service, pascal(prop), params, options);
      },
    });
  }
  const aws = Object.freeze({ call, client, paginate, AwsError });
  Object.defineProperty(globalThis, "aws", { value: aws, writable: false, configurable: false });

  // ------------------------------------------------------------ results
  function toJsonable(value, depth, seen) {
    if (value === null || value === undefined) return null;
    switch (typeof value) {
      case "boolean":
      case "string":
        return value;
      case "number":
        return Number.isFinite(value) ? value : String(value);
      case "bigint":
        return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
      case "function":
      case "symbol":
        return String(value);
    }
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
    if (value instanceof ArrayBuffer) return { $bytes: toBase64(new Uint8Array(value)) };
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (depth > 100) return "<too deep>";
    if (seen.has(value)) return "<cycle>";
    seen.add(value);
    try {
      if (Array.isArray(value)) return value.map((v) => toJsonable(v, depth + 1, seen));
      if (value instanceof Map) {
        const out = {};
        for (const [k, v] of value) out[String(k)] = toJsonable(v, depth + 1, seen);
        return out;
      }
      if (value instanceof Set) return [...value].map((v) => toJsonable(v, depth + 1, seen));
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = toJsonable(v, depth + 1, seen);
      return out;
    } finally {
      seen.delete(value);
    }
  }
  function describeError(error) {
    if (error instanceof Error) {
      const stack = String(error.stack || "")
        .split("\n")
        .filter((l, i) => i === 0 || l.includes("<script>"))
        .join("\n");
      return { type: error.name || "Error", message: String(error.message), traceback: stack };
    }
    return { type: "Error", message: `thrown value: ${show(error)}`, traceback: "" };
  }

  async function run({ maxOutputBytes, maxResultBytes }) {
    outputBudget = maxOutputBytes;
    const script = globalThis.__rs_script;
    delete globalThis.__rs_script;
    let value;
    try {
      value = await script();
    } catch (error) {
      return JSON.stringify({ ok: false, error: describeError(error) });
    }
    let encoded;
    try {
      encoded = JSON.stringify({ ok: true, result: toJsonable(value, 0, new Set()) });
    } catch (error) {
      return JSON.stringify({ ok: false, error: describeError(error) });
    }
    const size = new TextEncoderLite().byteLength(encoded);
    if (size > maxResultBytes) {
      return JSON.stringify({
        ok: false,
        resultBytes: size,
        error: {
          type: "ResultTooLarge",
          message: `the result is ${size} bytes of JSON, over the ${maxResultBytes}-byte limit; return a smaller summary or log details instead`,
          traceback: "",
        },
      });
    }
    return encoded;
  }
  class TextEncoderLite {
    byteLength(s) {
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) n += 1;
        else if (c < 0x800) n += 2;
        else if (c >= 0xd800 && c <= 0xdbff) {
          n += 4;
          i++;
        } else n += 3;
      }
      return n;
    }
  }

  return { run, fireTimer };
});
