/**
 * One owner per error code: when the sandbox cannot deliver a host call, the runtimes inside the
 * isolate (Python's `_runscript_host`, JavaScript's `aws`) turn the sandbox's failure into a bridge
 * error. Its code and HTTP status (both languages) and its kind (Python, which reads it) must be the
 * bridge's own (`ERROR_HTTP_STATUS`, `ERROR_KIND`).
 */
import {
  type AwsBridgeErrorCode,
  AwsBridgeErrorCodeSchema,
  ERROR_HTTP_STATUS,
  ERROR_KIND,
} from "@runscript/aws-bridge";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS, type PoolRunRequest, SandboxPool } from "../../packages/sandbox/src/index.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await SandboxPool.start({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

const PYTHON =
  "import _runscript_host, json\ne = json.loads(_runscript_host.call_sync('x' * 5000))['error']\n[e['code'], e['httpStatus'], e['kind']]";
const JAVASCRIPT =
  "try { await aws.call('s3', 'ListBuckets', { Pad: 'x'.repeat(5000) }); } catch (e) { return [e.code, e.statusCode]; }";

const cases: [string, Partial<PoolRunRequest>][] = [
  ["no handler", {}],
  [
    "a handler that throws",
    {
      hostCall: async () => {
        throw new Error("boom");
      },
    },
  ],
  ["a payload over the limit", { hostCall: async () => "{}", maxHostCallBytes: 1024 }],
];

it.each(cases)("maps %s to a bridge code with the bridge's HTTP status", async (_name, request) => {
  const seen: unknown[][] = [];
  for (const [language, code] of [
    ["python", PYTHON],
    ["javascript", JAVASCRIPT],
  ] as const) {
    const r = await pool.run({ ...request, code, language, limits: DEFAULT_LIMITS });
    expect(r.status, JSON.stringify(r.error)).toBe("success");
    seen.push(r.result as unknown[]);
  }
  const [python = [], javascript = []] = seen;
  expect(javascript).toEqual(python.slice(0, 2));
  const [code, status, kind] = python;
  expect(AwsBridgeErrorCodeSchema.safeParse(code).success).toBe(true);
  expect(status).toBe(ERROR_HTTP_STATUS[code as AwsBridgeErrorCode]);
  expect(kind).toBe(ERROR_KIND[code as AwsBridgeErrorCode]);
});
