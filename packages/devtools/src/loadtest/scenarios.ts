/**
 * Load-test scenarios: what each virtual user sends as `run_script` calls.
 * - trivial:   `1 + 1` (measures the service, not the script)
 * - cpu:       a ~150 ms CPU-bound script
 * - aws-audit: an S3 public-access audit through the bridge (the server must point at AWS endpoints,
 *              e.g. the local ones `runscript demo` starts)
 * - mixed:     trivial, cpu and aws-audit in turn
 * - hostile:   well-behaved runs mixed with timeouts and memory bombs; the report splits latency of
 *              the well-behaved runs so you can see they keep it
 */
export const SCENARIOS = ["trivial", "cpu", "aws-audit", "mixed", "hostile"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** One call a virtual user makes. `wellBehaved` marks the runs whose latency the report tracks. */
export interface ScenarioCall {
  kind: string;
  arguments: { code: string; timeout_seconds?: number; memory_mb?: number };
  wellBehaved: boolean;
}

const TRIVIAL: ScenarioCall = { kind: "trivial", arguments: { code: "1 + 1" }, wellBehaved: true };
const CPU: ScenarioCall = {
  kind: "cpu",
  arguments: { code: "sum(i * i for i in range(10**6))" },
  wellBehaved: true,
};
const AWS_AUDIT: ScenarioCall = {
  kind: "aws-audit",
  arguments: {
    code: [
      "import asyncio",
      "buckets = [b['Name'] for b in (await call_boto3('s3', 'ListBuckets')).get('Buckets', [])][:20]",
      "async def check(name):",
      "    try:",
      "        cfg = (await call_boto3('s3', 'GetPublicAccessBlock', params={'Bucket': name}))['PublicAccessBlockConfiguration']",
      "        return name, all(cfg.values())",
      "    except Exception as e:",
      "        return name, False",
      "dict(await asyncio.gather(*(check(b) for b in buckets)))",
    ].join("\n"),
  },
  wellBehaved: true,
};
const TIMEOUT_BOMB: ScenarioCall = {
  kind: "hostile-timeout",
  arguments: { code: "while True:\n    pass", timeout_seconds: 1 },
  wellBehaved: false,
};
const MEMORY_BOMB: ScenarioCall = {
  kind: "hostile-memory",
  arguments: { code: "x = bytearray(900 * 1024 * 1024)", memory_mb: 128 },
  wellBehaved: false,
};

/** The call a virtual user makes as its `n`-th call in `scenario`. */
export function scenarioCall(scenario: ScenarioName, n: number): ScenarioCall {
  switch (scenario) {
    case "trivial":
      return TRIVIAL;
    case "cpu":
      return CPU;
    case "aws-audit":
      return AWS_AUDIT;
    case "mixed":
      return [TRIVIAL, CPU, AWS_AUDIT][n % 3] ?? TRIVIAL;
    case "hostile":
      return [TRIVIAL, TRIVIAL, TIMEOUT_BOMB, TRIVIAL, MEMORY_BOMB][n % 5] ?? TRIVIAL;
  }
}
