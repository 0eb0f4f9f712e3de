/**
 * The escape corpus (test/escape/cases), run against real sandboxes. Every case must end with its
 * expected safe outcome, and after every case the sentinels hold: the planted host file and
 * environment secret were never read, the loopback listener heard nothing, no sandbox process has a
 * child, and the next run is clean.
 */
import { fileURLToPath } from "node:url";
import { childrenOf, judge, loadCorpus, materialize, type PlantedSentinels, plantSentinels } from "runscript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, SandboxPool } from "../../packages/sandbox/src/index.js";

const corpus = loadCorpus(fileURLToPath(new URL("./cases", import.meta.url)));
let pool: SandboxPool;
let sentinels: PlantedSentinels;

beforeAll(async () => {
  sentinels = await plantSentinels();
  // One process, so cross-run cases really run after each other in the same sandbox process.
  pool = await SandboxPool.start({ size: 1 });
});
afterAll(async () => {
  await pool.close();
  await sentinels.remove();
});

it("has at least 60 cases across the categories", () => {
  expect(corpus.length).toBeGreaterThanOrEqual(60);
  expect(new Set(corpus.map((c) => c.category))).toEqual(
    new Set(["python-to-js", "js-realm", "resources", "cross-run", "javascript"]),
  );
});

describe.each(corpus.map((c) => [c.id, c] as const))("%s", (_id, c) => {
  it("is contained", async () => {
    const result = await pool.run({
      code: materialize(c, sentinels),
      language: c.language,
      limits: { ...DEFAULT_LIMITS, timeoutMs: 3_000, memoryBytes: 128 * 1048576, maxOutputBytes: 64 * 1024 },
    });
    const verdict = judge(c, result, JSON.stringify(result), sentinels);
    expect(verdict.violations).toEqual([]);
    expect(sentinels.connections()).toBe(0);
    for (const pid of pool.pids()) expect(childrenOf(pid)).toEqual([]);
  });
});
