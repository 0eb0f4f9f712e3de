/**
 * Escape attempts from Python. Each asserts that the host filesystem, network, process and
 * environment stay unreachable: a planted host file and environment secret are never read, and a
 * loopback listener planted by the test hears nothing.
 */
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

const secret = `ENVSECRET${randomBytes(12).toString("hex")}`;
const fileSecret = `FILESECRET${randomBytes(12).toString("hex")}`;
const sentinelPath = join(tmpdir(), `runscript-sentinel-${randomBytes(6).toString("hex")}`);
let pool: SandboxPool;
let listener: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  process.env.RUNSCRIPT_TEST_SECRET = secret;
  writeFileSync(sentinelPath, fileSecret);
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const address = listener.address();
  port = typeof address === "object" && address ? address.port : 0;
  pool = await startPool({ size: 2 });
});
afterAll(async () => {
  await pool.close();
  listener.close();
  rmSync(sentinelPath, { force: true });
  delete process.env.RUNSCRIPT_TEST_SECRET;
});

const attempts: [string, (p: number, path: string) => string][] = [
  [
    "import js exposes no Node or web API",
    () =>
      "import js\n[n for n in ('process','require','module','fetch','WebSocket','XMLHttpRequest','Deno','Bun','importScripts') if hasattr(js, n)]",
  ],
  [
    "dynamic import('node:fs') through js.eval",
    (_p, path) =>
      `import js\nawait js.eval("import('node:fs').then(m => m.readFileSync('${path}', 'utf8'))")`,
  ],
  [
    "Function constructor chain to process",
    () => "import js\njs.Function.new('return typeof process + typeof require')()",
  ],
  [
    "JsProxy .constructor.constructor",
    () => "import js\njs.Object.constructor.constructor('return this.process')()",
  ],
  [
    "pyodide_js and pyodide.code.run_js",
    () =>
      "import pyodide_js\nfrom pyodide.code import run_js\n[run_js('typeof process'), run_js('typeof globalThis.require'), type(pyodide_js).__name__]",
  ],
  [
    "ctypes to emscripten_run_script",
    () =>
      'import ctypes\nlib = ctypes.CDLL(None)\nlib.emscripten_run_script(b"globalThis.x = typeof process")\nimport js\njs.x',
  ],
  [
    "gc walk for host objects",
    () =>
      "import gc\nhits = []\nfor o in gc.get_objects():\n    for name in ('process', 'require'):\n        try:\n            if getattr(o, name, None) is not None and type(o).__name__.startswith('Js'):\n                hits.append(name)\n        except Exception:\n            pass\nhits",
  ],
  [
    "sys.meta_path and sys.modules tampering",
    () =>
      "import sys\nsys.meta_path.clear()\nsys.modules.pop('js', None)\nimport importlib\nimportlib.invalidate_caches()\ntry:\n    import js\n    r = hasattr(js, 'process')\nexcept Exception as e:\n    r = type(e).__name__\nr",
  ],
  ["open a host file", (_p, path) => `open('${path}').read()`],
  ["open /etc/passwd", () => "open('/etc/passwd').read()"],
  ["read the environment", () => "import os\ndict(os.environ)"],
  [
    "a TCP socket to a loopback listener",
    (p) => `import socket\ns = socket.create_connection(('127.0.0.1', ${p}), timeout=1)\n'connected'`,
  ],
  [
    "urllib to a loopback listener",
    (p) => `import urllib.request\nurllib.request.urlopen('http://127.0.0.1:${p}/', timeout=1).read()`,
  ],
  [
    "pyodide.http / fetch to a loopback listener",
    (p) => `import js\nawait js.fetch('http://127.0.0.1:${p}/')`,
  ],
  [
    "subprocess",
    () => "import subprocess\nsubprocess.run(['cat', '/etc/hostname'], capture_output=True).stdout",
  ],
  ["os.system", () => "import os\nos.system('echo pwned > /tmp/pwned')"],
  [
    "Error.prepareStackTrace to reach host frames",
    () =>
      "import js\njs.eval(\"Error.prepareStackTrace = (e, frames) => frames.map(f => String(f.getThis && f.getThis() && Object.keys(f.getThis()))).join('|'); new Error('x').stack\")",
  ],
  [
    "the bridge hook with garbage",
    () =>
      "import _runscript_host\n[_runscript_host.call_sync('{\"__proto__\": {\"polluted\": 1}}'), _runscript_host.call_sync('x' * (7 * 1024 * 1024))[:200]]",
  ],
  [
    "WebAssembly to compile a module that imports host functions",
    () =>
      "import js\ntry:\n    m = js.WebAssembly.Module.new(js.Uint8Array.new([0,97,115,109,1,0,0,0]))\n    r = 'compiled'\nexcept Exception as e:\n    r = type(e).__name__\nr",
  ],
];

describe.each(attempts)("%s", (_name, make) => {
  it("stays contained", async () => {
    const r = await runIn(pool, make(port, sentinelPath), { timeoutMs: 10_000 });
    expect(["success", "error"]).toContain(r.status);
    const all = JSON.stringify(r);
    expect(all).not.toContain(secret);
    expect(all).not.toContain(fileSecret);
    expect(all).not.toMatch(/root:x:0:0/);
    expect(all).not.toContain("'connected'");
    if (r.status === "success") {
      expect(JSON.stringify(r.result)).not.toMatch(/function|object/);
    }
    expect(connections).toBe(0);
    const next = await runIn(pool, "'alive'");
    expect(next.result).toBe("alive");
  });
});

it("import js really has nothing dangerous", async () => {
  const r = await runIn(pool, attempts[0]![1](port, sentinelPath));
  expect(r).toMatchObject({ status: "success", result: [] });
});

it("the environment is Pyodide's fixed default, none of the server's variables", async () => {
  const r = await runIn(pool, "import os\ndict(os.environ)");
  expect(r.status).toBe("success");
  expect(r.result).toEqual({
    USER: "web_user",
    LOGNAME: "web_user",
    PATH: "/",
    PWD: "/",
    HOME: "/home/pyodide",
    LANG: "C.UTF-8",
    _: "./this.program",
    PYTHONINSPECT: "1",
    LD_LIBRARY_PATH: "/usr/lib:/lib/python3.14/site-packages",
  });
});
