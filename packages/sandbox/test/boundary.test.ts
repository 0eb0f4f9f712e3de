/**
 * The host/worker boundary of the sandbox package: code that runs inside a sandbox process lives in
 * `src/worker/` (`*.worker.ts`) and imports only its own folder and `src/shared/`; host code never
 * imports worker code; and the package's host entry can be imported without loading isolated-vm's
 * native addon (the server never loads it).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const dist = fileURLToPath(new URL("../dist/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Relative imports of a file, resolved to paths under src/ (e.g. `worker/isolate-host.worker.ts`). */
function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+"(\.[^"]+)"/gms)].map(
    (m) => m[1] ?? "",
  );
  return specs.map((s) => relative(src, resolve(file, "..", s)).replace(/\.js$/, ".ts"));
}

const files = sourceFiles(src).map((f) => ({ path: relative(src, f), imports: localImports(f) }));
const isWorker = (p: string) => p.startsWith("worker/");
const isShared = (p: string) => p.startsWith("shared/");

describe("host/worker boundary", () => {
  it("names every worker file *.worker.ts and nothing else so", () => {
    for (const f of files) expect(isWorker(f.path)).toBe(f.path.endsWith(".worker.ts"));
    expect(files.filter((f) => isWorker(f.path)).length).toBeGreaterThan(5);
  });

  it("worker files import only worker and shared modules", () => {
    for (const f of files.filter((x) => isWorker(x.path))) {
      expect(
        f.imports.filter((i) => !isWorker(i) && !isShared(i)),
        f.path,
      ).toEqual([]);
    }
  });

  it("shared modules import only shared modules", () => {
    for (const f of files.filter((x) => isShared(x.path))) {
      expect(
        f.imports.filter((i) => !isShared(i)),
        f.path,
      ).toEqual([]);
    }
  });

  it("host files never import worker files (only the build entry does)", () => {
    for (const f of files.filter((x) => !isWorker(x.path) && x.path !== "build.ts")) {
      expect(f.imports.filter(isWorker), f.path).toEqual([]);
    }
  });

  it("the host entry loads without isolated-vm's native addon; the build entry needs it", () => {
    // Node's permission model without --allow-addons makes loading any native addon throw.
    const load = (entry: string) =>
      spawnSync(
        process.execPath,
        [
          "--permission",
          "--allow-fs-read=*",
          "--input-type=module",
          "-e",
          `await import(${JSON.stringify(entry)})`,
        ],
        { encoding: "utf8", timeout: 30_000 },
      );
    const host = load(join(dist, "index.js"));
    expect(host.stderr).toBe("");
    expect(host.status).toBe(0);
    const build = load(join(dist, "build.js"));
    expect(build.status).not.toBe(0);
    expect(build.stderr).toMatch(/addon|dlopen/i);
  });
});
