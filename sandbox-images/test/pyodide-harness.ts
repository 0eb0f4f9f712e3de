/**
 * Test harness: the sandbox's Python modules (sandbox-images/python/** plus the vendored packages) in
 * real Pyodide under Node, with a fake host behind `_runscript_host`.
 *
 * The fake host records every payload and answers with `handler` (canned JSON following
 * /work/team/bridge-protocol-v2.md); `call_async` answers through `asyncHost`, after a macrotask by
 * default. The modules are set up as in the image (`runscript_preload`: green threads installed).
 * This is the unit level of the bridge; the real host and sandbox are tested in their packages.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { vendorPythonFiles } from "../vendor/vendor.mjs";

export type PyodideInterface = Awaited<ReturnType<typeof loadPyodide>>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Request = { [key: string]: Json };
export type Answer = { ok: true; value: Json } | { ok: false; error: { [key: string]: Json } };
export type Handler = (request: Request) => Answer;

const pythonDir = join(dirname(fileURLToPath(import.meta.url)), "..", "python");
const LIB = "/runscript/lib";

export function ok(value: Json): Answer {
  return { ok: true, value };
}

export function fail(error: { [key: string]: Json }): Answer {
  return { ok: false, error: { httpStatus: null, requestId: null, operation: null, ...error } };
}

function listPythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "__pycache__" ? [] : listPythonFiles(full);
    return name.endsWith(".py") ? [full] : [];
  });
}

/** Service metadata as the host's `aws.client` answers it (protocol v2), for the fake host. */
export function metadata(
  service: string,
  serviceId: string,
  operations: Record<string, string>,
  extra: { paginators?: string[]; waiters?: string[]; errors?: Record<string, string>; region?: string } = {},
): Json {
  return {
    service,
    serviceId,
    signingName: service,
    apiVersion: "2020-01-01",
    operations,
    paginators: extra.paginators ?? [],
    waiters: extra.waiters ?? [],
    errors: extra.errors ?? {},
    region: extra.region ?? "us-east-1",
  };
}

export class FakeHost {
  pyodide!: PyodideInterface;
  /** Every payload the Python side sent, as raw strings, with the channel it used. */
  sent: { channel: "sync" | "async"; payload: string }[] = [];
  handler: Handler = () => ok({});
  /** How `call_async` is answered; by default after a macrotask, with `handler`. */
  asyncHost: (payload: string) => Promise<string> = (payload) => this.defaultAsync(payload);

  async defaultAsync(payload: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return JSON.stringify(this.handler(JSON.parse(payload) as Request));
  }

  requests(): Request[] {
    return this.sent.map((s) => JSON.parse(s.payload) as Request);
  }

  calls(): Request[] {
    return this.requests().filter((r) => r.op === "aws.call");
  }

  /** Forgets recorded payloads, per-run caches and threads; restores the default handlers. */
  reset(): void {
    this.sent = [];
    this.handler = () => ok({});
    this.asyncHost = (payload) => this.defaultAsync(payload);
    this.pyodide.runPython(`
import runscript_aws, botocore.errorfactory, runscript_green, os
runscript_aws._metadata.clear(); runscript_aws._paginators.clear(); botocore.errorfactory._by_service.clear()
runscript_green.reset()
os.environ.pop("AWS_DEFAULT_REGION", None)
`);
  }

  async start(): Promise<void> {
    this.pyodide = await loadPyodide();
    const files: Record<string, string> = (await vendorPythonFiles()).files;
    for (const file of listPythonFiles(pythonDir)) {
      files[relative(pythonDir, file).split("\\").join("/")] = readFileSync(file, "utf8");
    }
    for (const [path, source] of Object.entries(files)) {
      const target = `${LIB}/${path}`;
      this.pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
      this.pyodide.FS.writeFile(target, source);
    }
    this.pyodide.registerJsModule("_runscript_host", {
      call_sync: (payload: string) => {
        this.sent.push({ channel: "sync", payload: String(payload) });
        return JSON.stringify(this.handler(JSON.parse(String(payload)) as Request));
      },
      call_async: (payload: string) => {
        this.sent.push({ channel: "async", payload: String(payload) });
        return this.asyncHost(String(payload));
      },
    });
    this.pyodide.runPython(`import sys\nsys.path.insert(0, "${LIB}")\nimport runscript_preload`);
  }

  /** Runs `code` (top-level await allowed) in a fresh namespace; returns `result` JSON-decoded. */
  async py(code: string): Promise<Json> {
    const ns = this.pyodide.globals.get("dict")();
    try {
      await this.pyodide.runPythonAsync(code, { globals: ns });
      const json = this.pyodide.runPython("import json as _j\n_j.dumps(result, default=repr)", {
        globals: ns,
      });
      return JSON.parse(String(json)) as Json;
    } finally {
      ns.destroy();
    }
  }
}
