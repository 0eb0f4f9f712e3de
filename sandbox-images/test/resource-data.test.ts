/**
 * The resource layer's data (`sandbox-images/python/boto3/resources/_data.py`) is what the reference
 * boto3/botocore on this machine generate: re-derived here, so a drift fails the suite.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const generator = join(dirname(fileURLToPath(import.meta.url)), "..", "resources", "generate.py");

it("boto3.resources._data is what the machine's boto3/botocore generate", () => {
  const run = spawnSync("python3", [generator, "--check"], { encoding: "utf8" });
  if (run.error) throw new Error(`python3 is required (the boto3 reference): ${run.error.message}`);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});
