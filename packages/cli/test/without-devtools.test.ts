/**
 * A production install has no development tools: the CLI still runs scripts, and `fuzz`, `loadtest`,
 * `demo` and `--local-aws` say clearly that the tools are not installed (exit 2) instead of crashing.
 * The missing package is simulated by a resolve hook that refuses `@runscript/devtools`.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/runscript.js", import.meta.url));
const WITHOUT_DEVTOOLS = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from "node:module";
registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith("@runscript/devtools")) {
      throw Object.assign(new Error("Cannot find package '@runscript/devtools'"), { code: "ERR_MODULE_NOT_FOUND" });
    }
    return next(specifier, context);
  },
});
`)}`;

const cli = (args: string[]) =>
  spawnSync(process.execPath, ["--import", WITHOUT_DEVTOOLS, bin, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });

describe("runscript without @runscript/devtools", () => {
  it.each([
    ["fuzz"],
    ["loadtest", "--url", "http://127.0.0.1:1/mcp"],
    ["demo"],
    ["run", "--local-aws", "3", "-"],
  ])("%s says the development tools are not installed", (...args) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /needs the development tools \(@runscript\/devtools\), which this installation does not include/,
    );
  });

  it("still lists every command", () => {
    const r = cli(["help"]);
    expect(r.status).toBe(0);
    for (const name of ["run", "serve", "stdio", "demo", "fuzz", "loadtest"])
      expect(r.stdout).toContain(name);
  });
});
