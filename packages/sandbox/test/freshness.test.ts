/**
 * A fresh sandbox for every run: nothing run A leaves behind is visible to run B, even in the same
 * sandbox process (pool of one).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

it("run B sees nothing of run A: globals, modules, builtins, files, JS globals, env, memory", async () => {
  const marker = `MARKER${randomBytes(12).toString("hex")}`;
  const a = await runIn(
    pool,
    `
import builtins, sys, os, types, js, pyodide_js
LEAKED_GLOBAL = "${marker}"
builtins.leaked_builtin = "${marker}"
builtins.print = lambda *a, **k: None
sys.modules["leaked_module"] = types.ModuleType("leaked_module")
sys.path.append("/leak")
os.environ["LEAKED_ENV"] = "${marker}"
os.makedirs("/tmp/leak", exist_ok=True)
open("/tmp/leak/x", "w").write("${marker}")
open("/home/pyodide/x", "w").write("${marker}")
js.globalThis.leakedJs = "${marker}"
js.eval("Object.prototype.leakedProto = '${marker}'")
secret_bytes = bytearray(b"${marker}" * 1000)
import random
random.seed(1234)
"ok"
`,
  );
  expect(a).toMatchObject({ status: "success", result: "ok" });
  const b = await runIn(
    pool,
    `
import builtins, sys, os, js, pyodide_js
def heap_count(needle):
    # Copy in chunks, fetching the view anew each time (a copy can grow the heap and detach a view).
    size = pyodide_js._module.HEAPU8.length
    count = 0
    for start in range(0, size, 1 << 20):
        chunk = pyodide_js._module.HEAPU8.subarray(start, start + (1 << 20)).to_bytes()
        count += chunk.count(needle)
    return count

needle = "${marker}".encode()
{
  "global": "LEAKED_GLOBAL" in globals(),
  "builtin": hasattr(builtins, "leaked_builtin"),
  "print_patched": builtins.print.__name__ != "print",
  "module": "leaked_module" in sys.modules,
  "path": "/leak" in sys.path,
  "env": "LEAKED_ENV" in os.environ,
  "tmp_file": os.path.exists("/tmp/leak/x"),
  "home_file": os.path.exists("/home/pyodide/x"),
  "js_global": hasattr(js.globalThis, "leakedJs"),
  "js_proto": js.eval("({}).leakedProto !== undefined"),
  # Run A left the marker 1000 times in a bytearray; this run's own source and needle hold a few.
  "heap": heap_count(needle) > 50,
}
`,
  );
  expect(b.status).toBe("success");
  expect(b.result).toEqual({
    global: false,
    builtin: false,
    print_patched: false,
    module: false,
    path: false,
    env: false,
    tmp_file: false,
    home_file: false,
    js_global: false,
    js_proto: false,
    heap: false,
  });
  expect(JSON.stringify(b)).not.toContain(marker);
});

it("a run that hit a limit does not hand its interpreter to the next run", async () => {
  const marker = `LIMIT${randomBytes(8).toString("hex")}`;
  const a = await runIn(pool, `import builtins\nbuiltins.left = "${marker}"\nwhile True: pass`, {
    timeoutMs: 500,
  });
  expect(a.status).toBe("timeout");
  const b = await runIn(pool, "import builtins\nhasattr(builtins, 'left')");
  expect(b).toMatchObject({ status: "success", result: false });
});
