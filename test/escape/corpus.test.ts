/**
 * The escape corpus (test/escape/cases), run against real sandboxes. Every case must end with its
 * expected safe outcome, and after every case the sentinels hold: the planted host file and
 * environment secret were never read, the loopback listener heard nothing, no sandbox process has a
 * child, and the next run is clean.
 */
import { fileURLToPath } from "node:url";
import {
  childrenOf,
  judge,
  type LocalStack,
  loadCorpus,
  materialize,
  type PlantedSentinels,
  plantSentinels,
  startLocalStack,
} from "@runscript/devtools";
import { Runner } from "@runscript/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, SandboxPool } from "../../packages/sandbox/src/index.js";

const corpus = loadCorpus(fileURLToPath(new URL("./cases", import.meta.url)));
let pool: SandboxPool;
let runner: Runner;
let sentinels: PlantedSentinels;
let stack: LocalStack;

beforeAll(async () => {
  // A real AWS bridge over local SigV4-verifying endpoints, as a read-only principal with a role.
  stack = await startLocalStack({ buckets: 3, agent: "escape-agent", readOnly: true });
  sentinels = await plantSentinels([stack.aws.baseCredentials.secretAccessKey]);
  // One process, so cross-run cases really run after each other in the same sandbox process.
  pool = await SandboxPool.start({ size: 1 });
  runner = new Runner({ pool, bridge: stack.bridge });
});
afterAll(async () => {
  await pool.close();
  await sentinels.remove();
  await stack.close();
});

it("has at least 60 cases across the categories", () => {
  expect(corpus.length).toBeGreaterThanOrEqual(60);
  expect(new Set(corpus.map((c) => c.category))).toEqual(
    new Set(["python-to-js", "js-realm", "resources", "cross-run", "javascript", "bridge-abuse"]),
  );
});

describe.each(corpus.map((c) => [c.id, c] as const))("%s", (_id, c) => {
  it("is contained", async () => {
    const result = await runner.run({
      principal: stack.principal,
      code: materialize(c, sentinels),
      language: c.language,
      limits: { ...DEFAULT_LIMITS, timeoutMs: 5_000, memoryBytes: 128 * 1048576, maxOutputBytes: 64 * 1024 },
      awsBudget: { maxCalls: 200 },
    });
    const credentials = stack.aws.sessions().flatMap((x) => [x.secretAccessKey, x.sessionToken]);
    const verdict = judge(c, result, JSON.stringify(result), {
      ...sentinels,
      forbidden: [...sentinels.forbidden, ...credentials],
    });
    // Nothing the sandbox sent may have reached a host other than the local endpoint.
    expect(stack.aws.requests().filter((r) => r.host && !stack.aws.endpoint.endsWith(r.host))).toEqual([]);
    expect(verdict.violations).toEqual([]);
    expect(sentinels.connections()).toBe(0);
    for (const pid of pool.pids()) expect(childrenOf(pid)).toEqual([]);
  });
});
