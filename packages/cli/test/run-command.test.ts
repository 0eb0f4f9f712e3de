/** `runscript run` as a user runs it: a real process, real exit codes. */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/runscript.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "runscript-cli-"));

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

describe("runscript run", () => {
  it("prints a human-readable result and exits 0 on success", async () => {
    const file = join(dir, "ok.py");
    writeFileSync(file, "print('hello')\n{'answer': 42}\n");
    const r = await cli(["run", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("hello");
    expect(r.stdout).toContain('"answer": 42');
    expect(r.stdout).toMatch(/status: success/);
  });

  it("--json prints exactly the result object; a script error exits 1", async () => {
    const r = await cli(["run", "-", "--json"], "1/0\n");
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.stdout);
    expect(parsed).toMatchObject({ status: "error", error: { type: "ZeroDivisionError" } });
  });

  it("a limit exits 1 with its status", async () => {
    const r = await cli(["run", "-", "--json", "--timeout-ms", "500"], "while True: pass\n");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe("timeout");
  });

  it("runs .js files as JavaScript", async () => {
    const file = join(dir, "ok.js");
    writeFileSync(file, "return [1, 2].map((x) => x * 10)");
    const r = await cli(["run", file, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toEqual([10, 20]);
  });

  it("runs the S3 audit example against local AWS endpoints (--local-aws) with api_calls in --json", async () => {
    const example = fileURLToPath(new URL("../../../examples/s3-public-access-audit.py", import.meta.url));
    const r = await cli(["run", "--local-aws", "6", "--json", example]);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.result.buckets).toBe(6);
    expect(parsed.api_calls).toHaveLength(1 + 3 * 6);
  });

  it.each([
    [["run"]],
    [["run", "--bogus", "x.py"]],
    [["run", "a.py", "--timeout-ms", "abc"]],
    [["run", "a.py", "--timeout-ms", "99999999"]],
    [["run", join(dir, "missing.py")]],
    [["run", "a.py", "--config", join(dir, "missing.yaml")]],
    [["nope"]],
  ])("exits 2 on a usage error: %j", async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
  });
});
