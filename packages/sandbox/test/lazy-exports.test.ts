/**
 * A sandbox resolves most of Pyodide's wasm exports lazily (sandbox-images/runtime/link-hooks.js): the
 * image build takes them out of the module and each is looked up by name on first use. What a script
 * can observe must not change. Side by side with plain Pyodide (`loadPyodide()` in Node, the module
 * as Pyodide ships it), for every export of Pyodide's module: what `Module._<name>` is (a function and
 * its wasm function index, a number, or nothing), and, for a sample, what `dlsym` gives (ctypes: the
 * function's table slot or the data symbol's address).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadPyodide } from "pyodide";
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

const require = createRequire(import.meta.url);
const exportNames = WebAssembly.Module.exports(
  new WebAssembly.Module(readFileSync(require.resolve("pyodide/pyodide.asm.wasm"))),
).map((e) => e.name);
/** Every export, and `main` (Emscripten puts __main_argc_argv on Module as `_main`). */
const probedNames = [...exportNames, "main"];

/** Python: `[name, what Module._name is, what dlsym(name) gives or null]` for each export name. */
const probe = (names: string[], dlsymEvery: number) => `
import ctypes, js, json, pyodide_js
m = pyodide_js._module
def on_module(name):
    v = getattr(m, "_" + name, None)
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return ["number", v]
    if callable(v):
        return ["function", str(v.name)]
    return ["object", js.Object.prototype.toString.call(v)]
def dlsym(name):
    try:
        return ctypes.cast(ctypes.pythonapi[name], ctypes.c_void_p).value
    except AttributeError:
        return "missing"
names = json.loads(${JSON.stringify(JSON.stringify(names))})
json.dumps([[n, on_module(n), dlsym(n) if i % ${dlsymEvery} == 0 else None] for i, n in enumerate(names)])
`;

it("every export looks the same to a script as in plain Pyodide: on Module, and through dlsym", async () => {
  const code = probe(probedNames, 7);
  const sandbox = await runIn(pool, code, { maxResultBytes: 16 * 1024 * 1024 });
  expect(sandbox.status, JSON.stringify(sandbox.error)).toBe("success");
  const plain = await loadPyodide();
  const reference = JSON.parse(plain.runPython(code) as string) as unknown[];
  const got = JSON.parse(sandbox.result as string) as unknown[];
  expect(got.length).toBe(probedNames.length);
  const differing = got.flatMap((entry, i) =>
    JSON.stringify(entry) === JSON.stringify(reference[i]) ? [] : [i],
  );
  const first = differing.slice(0, 10);
  expect(
    first.map((i) => got[i]),
    `${differing.length} of ${got.length} exports differ`,
  ).toEqual(first.map((i) => reference[i]));
  expect(differing).toEqual([]);
  // The probe saw every kind: functions, globals' values, other exports (tags, globals), nothing.
  const kinds = new Set(
    got.map((entry) => JSON.stringify((entry as [string, [string] | null])[1]?.[0] ?? null)),
  );
  expect(kinds).toEqual(new Set(['"function"', '"number"', '"object"', "null"]));
}, 120_000);

it("lazily resolved functions run: through Module, through dlsym, and from Python's C side", async () => {
  const result = await runIn(
    pool,
    `
import ctypes, pyodide_js
m = pyodide_js._module
[m._Py_IsInitialized(), ctypes.pythonapi.Py_IsInitialized(), len(ctypes.string_at(ctypes.pythonapi.Py_GetVersion()))]
`,
  );
  expect(result.status, JSON.stringify(result.error)).toBe("success");
  const [viaModule, viaDlsym, versionLength] = result.result as number[];
  expect([viaModule, viaDlsym]).toEqual([1, 1]);
  expect(versionLength).toBeGreaterThan(5);
});
