#!/usr/bin/env node
// Builds the Python sandbox image into sandbox-images/build/ (reproducible for the pinned Pyodide).
//
// Steps, each checked (the build fails loudly if the pinned Pyodide no longer matches a pattern):
// 1. glue.js   - pyodide.asm.mjs (Emscripten glue) as a plain script: `import.meta.url` removed, the
//                `export default` replaced by a global the prelude takes and deletes, and the d8-shell
//                randomness branch (it shells out to /dev/urandom) disabled so crypto.getRandomValues,
//                backed by the host's CSPRNG, is used.
// 2. loader.js - pyodide.mjs (loadPyodide) as a plain script, same treatment.
// 3. jsv-error.wasm - the tiny helper module the loader would compile asynchronously (async wasm
//                compilation never settles inside an isolate), extracted so the prelude compiles it
//                synchronously.
// 4. python_stdlib.zip, pyodide.asm.wasm, pyodide-lock.json copied; python-files.json bundles
//    sandbox-images/python/** (the bridge modules and the runner) and the vendored pure-Python
//    packages (sandbox-images/vendor/: pinned Debian .debs, hashes checked; their versions, hashes and
//    licenses go to vendor-packages.json).
// 5. snapshot.bin - a Pyodide memory snapshot taken inside an isolate, after the bridge modules are
//    imported, so every sandbox boots from it.
// 6. manifest.json - versions and sha256 of every file; the sandbox checks it at start.
// Fast-boot steps (issue 17; sandbox-images/fast-boot.mjs), marked "fast boot" below:
// F1. glue and loader get inert hooks (boot profile, host-side snapshot restore, table replay);
// F2. pyodide.asm.wasm imports its memory, shared (sandbox processes recycle pre-faulted memories);
// F3. the snapshot boot records the function-table layout Emscripten builds at start; the module then
//     lays it out itself (link-plan.json, js-slots.wasm), checked by booting the finished image;
// F4. lazy exports: exports with a fixed table slot or value leave the module and are resolved by name
//     on first use (runtime/link-hooks.js, in the prelude), checked by the same boot.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  importSharedMemory,
  jsSlotModule,
  keepExports,
  lazyExportPlan,
  lazyExportsFile,
  patchGlueForFastBoot,
  patchLoaderForFastBoot,
  prefillTable,
  tableMinimum,
} from "./fast-boot.mjs";
import { vendorPythonFiles } from "./vendor/vendor.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "build");
const require = createRequire(import.meta.url);
const pyodideDir = dirname(require.resolve("pyodide/package.json"));
const pyodideVersion = JSON.parse(readFileSync(join(pyodideDir, "package.json"), "utf8")).version;
const PINNED = "314.0.7";
if (pyodideVersion !== PINNED) {
  throw new Error(
    `sandbox image build is written for pyodide ${PINNED}, found ${pyodideVersion}; re-check the patches`,
  );
}

function replaceOnce(source, pattern, replacement, what) {
  const matches = source.split(pattern).length - 1;
  if (matches !== 1) throw new Error(`sandbox image build: expected 1 match for ${what}, found ${matches}`);
  return source.replace(pattern, replacement);
}

function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}

mkdirSync(out, { recursive: true });
const written = {};
function write(name, data) {
  writeFileSync(join(out, name), data);
  written[name] = { sha256: sha256(data), bytes: Buffer.byteLength(data) };
}

// 1. glue
const pyodideGlue = readFileSync(join(pyodideDir, "pyodide.asm.mjs"), "utf8");
let glue = pyodideGlue.replaceAll("import.meta.url", '"file:///pyodide/pyodide.asm.mjs"');
glue = replaceOnce(
  glue,
  "export default _createPyodideModule;",
  "globalThis.__rs_createPyodideModule = _createPyodideModule;",
  "glue export",
);
glue = replaceOnce(
  glue,
  "if(ENVIRONMENT_IS_SHELL){return view=>{if(!os.system)",
  "if(false){return view=>{if(!os.system)",
  "shell randomFill",
);
glue = patchGlueForFastBoot(glue); // fast boot F1
write("glue.js", glue);

// 2. loader
let loader = readFileSync(join(pyodideDir, "pyodide.mjs"), "utf8");
const exportMatch = loader.match(
  /export\s*\{\s*(\w+)\s+as\s+loadPyodide\s*,\s*(\w+)\s+as\s+version\s*\}\s*;/,
);
if (!exportMatch) throw new Error("sandbox image build: loader export statement not found");
loader = loader.replace(exportMatch[0], `globalThis.__rs_loadPyodide = ${exportMatch[1]};`);
loader = loader.replace(/\/\/# sourceMappingURL=.*$/m, "");
loader = patchLoaderForFastBoot(loader); // fast boot F1
if (loader.includes("import.meta")) throw new Error("sandbox image build: loader still uses import.meta");

// 3. the JsvError helper module (base64 literal passed to the loader's decoder)
const jsvMatch = loader.match(/\w+\(\s*"(AGFzbQ[A-Za-z0-9+/=]+)"\s*,?\s*\)/);
if (!jsvMatch) throw new Error("sandbox image build: JsvError helper wasm not found in loader");
// Run as a function body so the minified top-level names stay out of the isolate's global scope.
write("loader.js", `(function () {\n${loader}\n})();\n`);
write("jsv-error.wasm", Buffer.from(jsvMatch[1], "base64"));

// 4. runtime files
for (const name of ["python_stdlib.zip", "pyodide-lock.json"]) {
  write(name, readFileSync(join(pyodideDir, name)));
}
// fast boot F2: the memory becomes a shared import (the table is laid out in F3, after the snapshot).
const sharedMemory = importSharedMemory(readFileSync(join(pyodideDir, "pyodide.asm.wasm")));
// packages/sandbox creates each shared memory with this maximum (it must match the import's).
if (sharedMemory.maxPages !== 65536) throw new Error("sandbox image build: expected a 4 GiB memory maximum");
write("pyodide.asm.wasm", sharedMemory.wasm);
// The prelude with the link hooks (fast boot) in place.
write(
  "prelude.js",
  replaceOnce(
    readFileSync(join(here, "runtime", "prelude.js"), "utf8"),
    "__RUNSCRIPT_LINK_HOOKS__",
    readFileSync(join(here, "runtime", "link-hooks.js"), "utf8")
      .trim()
      .replace(/;$/, ""),
    "prelude link hooks",
  ),
);
write("js-runtime.js", readFileSync(join(here, "runtime", "js-runtime.js")));

const pythonRoot = join(here, "python");
const pythonFiles = {};
function collect(dir) {
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== "__pycache__" && entry !== "test" && entry !== "tests") collect(full);
    } else if (entry.endsWith(".py")) {
      pythonFiles[relative(pythonRoot, full).split("\\").join("/")] = readFileSync(full, "utf8");
    }
  }
}
collect(pythonRoot);
// 4b. vendored packages: a separate step with its own files (sandbox-images/vendor/).
const vendored = await vendorPythonFiles();
for (const [rel, source] of Object.entries(vendored.files)) {
  if (rel in pythonFiles)
    throw new Error(`sandbox image build: vendored ${rel} clashes with sandbox-images/python`);
  pythonFiles[rel] = source;
}
write(
  "vendor-packages.json",
  `${JSON.stringify({ packages: vendored.manifest, licenses: vendored.licenses }, null, 2)}\n`,
);
write("python-files.json", JSON.stringify(pythonFiles));

// 5. snapshot, taken inside an isolate through the same boot path the sandbox uses
const snapshotWarmup = readFileSync(join(here, "runtime", "snapshot-warmup.py"), "utf8");
const sandboxDist = join(here, "..", "packages", "sandbox", "dist", "build.js");
if (!existsSync(sandboxDist)) throw new Error("sandbox image build: build packages/sandbox first (tsc -b)");
const { makeSnapshot } = await import(sandboxDist);
const started = performance.now();
const { snapshot, link } = await makeSnapshot(out, snapshotWarmup, sharedMemory.minPages);
write("snapshot.bin", snapshot);

// fast boot F3: the recorded table layout, laid out by the module itself. Emscripten's start appends
// every exported function to the table (for side modules' GOT; ~5,200 slots), then the JavaScript
// functions the module takes the address of (GOT.func) and Pyodide's trampoline. The module's element
// segments put the exported functions in those slots; one small module fills the JavaScript slots.
// F4 (lazy exports, runtime/link-hooks.js): every export with a fixed table slot or a fixed value
// leaves the export section; sandboxes resolve it by name on first use (lazy-exports.bin).
const recorded = JSON.parse(link);
const firstAdded = tableMinimum(sharedMemory.wasm);
const jsIndices = new Set([...recorded.js.map((s) => s.index), recorded.trampoline]);
if (recorded.trampoline < firstAdded) throw new Error("sandbox image build: trampoline slot not recorded");
const lazy = lazyExportPlan(sharedMemory.wasm, pyodideGlue, recorded, firstAdded);
write(
  "pyodide.asm.wasm",
  prefillTable(keepExports(sharedMemory.wasm, lazy.keep), {
    tableLength: recorded.tableLength,
    wasmSlots: lazy.wasmSlots,
  }),
);
const jsSlots = [];
for (const slot of recorded.js) {
  if (!jsSlots.some((s) => s.index === slot.index)) jsSlots.push(slot);
}
write("js-slots.wasm", jsSlotModule(jsSlots));
write(
  "link-plan.json",
  JSON.stringify({
    tableLength: recorded.tableLength,
    got: recorded.got,
    jsSlots: jsSlots.map(({ symbol, index }) => ({ symbol, index })),
    trampoline: recorded.trampoline,
  }),
);
write("lazy-exports.bin", lazyExportsFile(lazy.entries));

// 6. manifest
const manifest = {
  format: 2,
  pyodideVersion,
  files: written,
};
writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// fast boot F3/F4 check: a sandbox booted from the finished image has the recorded table, slot for
// slot (JavaScript and trampoline slots filled), and each export it resolves lazily is the function
// the standard boot exported under that name (a wasm function is named by its index).
{
  const { bootedLink } = await import(sandboxDist);
  const booted = JSON.parse(await bootedLink(out));
  const expected = new Map(recorded.slots);
  const problems = [];
  if (booted.slots.length !== recorded.tableLength)
    problems.push(`length ${booted.slots.length} != ${recorded.tableLength}`);
  for (let i = 0; i < recorded.tableLength && problems.length < 5; i++) {
    const want = expected.get(i) ?? null;
    if (jsIndices.has(i) ? booted.slots[i] === null : booted.slots[i] !== want)
      problems.push(`slot ${i}: ${booted.slots[i]} != ${want}`);
  }
  let wrapped = 0;
  for (const [name, got] of Object.entries(booted.exports)) {
    if (got === "")
      wrapped++; // one of the glue's signature-conversion wrappers
    else if (got !== String(lazy.functionIndex.get(name)))
      problems.push(`Module._${name}: ${got} != ${lazy.functionIndex.get(name)}`);
    if (problems.length >= 10) break;
  }
  if (wrapped > 40) problems.push(`${wrapped} exports resolved to wrappers`);
  if (problems.length > 0) {
    rmSync(join(out, "manifest.json"));
    throw new Error(
      `sandbox image build: replayed link differs from the recorded one: ${problems.join("; ")}`,
    );
  }
}
process.stderr.write(
  `sandbox image: built in ${out} (snapshot ${(snapshot.byteLength / 1048576).toFixed(1)} MiB in ${Math.round(performance.now() - started)} ms)\n`,
);
// isolated-vm can keep the event loop alive after the snapshot isolate is disposed (a pending
// background compile task of the loader); the build is done, so end the process explicitly.
process.exit(0);
