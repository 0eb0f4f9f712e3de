/**
 * Host calls as the pool carries them: the run's default region reaches Python's environment, and
 * when a call cannot be answered the script sees the real cause (no handler, a handler that threw,
 * a payload over the run's limit) in the bridge's error codes, mapped by the runtime.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, type SandboxPool } from "../src/index.js";
import { startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

const CODE_OF_CALL =
  "import _runscript_host, json\nanswer = json.loads(_runscript_host.call_sync(PAYLOAD))\n[answer['error']['code'], answer['error']['message']]";

it("hands the run's default region to boto3's environment", async () => {
  const code = "import os\n[os.environ.get('AWS_DEFAULT_REGION'), os.environ.get('AWS_REGION')]";
  const r = await pool.run({ code, limits: DEFAULT_LIMITS, defaultRegion: "eu-west-3" });
  expect(r.result).toEqual(["eu-west-3", "eu-west-3"]);
  const none = await pool.run({ code, limits: DEFAULT_LIMITS });
  expect(none.result).toEqual([null, null]);
});

it("says a run has no handler when it has none", async () => {
  const r = await pool.run({ code: CODE_OF_CALL.replace("PAYLOAD", "'{}'"), limits: DEFAULT_LIMITS });
  expect(r.result).toEqual(["BridgeUnavailable", expect.stringContaining("no host-call handler")]);
});

it("reports a handler that threw as a host failure, not as a missing bridge", async () => {
  const r = await pool.run({
    code: CODE_OF_CALL.replace("PAYLOAD", "'{}'"),
    limits: DEFAULT_LIMITS,
    hostCall: async () => {
      throw new RangeError("/secret/host/path exploded");
    },
  });
  expect(r.result).toEqual(["InternalError", "the host failed to answer the call (RangeError)"]);
  expect(JSON.stringify(r)).not.toContain("/secret/host/path");
});

it("refuses a payload over the run's limit inside the sandbox process", async () => {
  let calls = 0;
  const r = await pool.run({
    code: CODE_OF_CALL.replace("PAYLOAD", "'x' * 5000"),
    limits: DEFAULT_LIMITS,
    maxHostCallBytes: 4096,
    hostCall: async () => {
      calls++;
      return "{}";
    },
  });
  expect(r.result).toEqual(["RequestTooLarge", expect.stringContaining("at most 4096 characters")]);
  expect(calls).toBe(0);
});
