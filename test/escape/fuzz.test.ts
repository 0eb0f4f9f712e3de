/**
 * A short, bounded, reproducible `runscript fuzz` run (the real CLI in a child process): the corpus
 * plus generated hostile bridge requests must all be contained.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../packages/cli/bin/runscript.js", import.meta.url));

it("contains every corpus case and 150 generated bridge requests (seed 7)", async () => {
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, "fuzz", "--mutations", "150", "--seed", "7", "--time", "90s", "--json"],
      { timeout: 240_000, maxBuffer: 16 * 1048576 },
      (error, out) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout: out }),
    );
  });
  const report = JSON.parse(stdout) as {
    violations: unknown[];
    categories: Record<string, { tried: number; violated: number }>;
  };
  expect(report.violations).toEqual([]);
  expect(code).toBe(0);
  expect(report.categories["fuzz:bridge-requests"]?.tried).toBe(150);
  expect(Object.keys(report.categories).filter((c) => c.startsWith("corpus:")).length).toBeGreaterThanOrEqual(
    5,
  );
}, 300_000);
