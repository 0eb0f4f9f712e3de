/**
 * `runscript run <file.py | -> [--timeout-ms N] [--memory-mb N] [--max-output-bytes N] [--json]`
 *
 * Runs one script in a fresh sandbox and prints its result. Exit code 0 for success, 1 for a script
 * error or limit, 2 for a usage error.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AwsBridge, type PrincipalConfigInput } from "@runscript/aws-bridge";
import { Runner, type RunRecord } from "@runscript/runner";
import {
  DEFAULT_LIMITS,
  DEFAULT_MAX_LIMITS,
  LimitPolicySchema,
  resolveLimits,
  SandboxPool,
} from "@runscript/sandbox";
import { loadConfig, parseConfig, principalConfig, type ServerConfig } from "@runscript/server";
import { pino } from "pino";
import { loadDevtools } from "../devtools.js";
import { formatRunResult } from "../format-result.js";
import { UsageError } from "../usage-error.js";

const HELP = `usage: runscript run <file.py | file.js | -> [options]

Runs the script in a fresh sandbox (stdin with '-').
  --language L          python (default) or javascript; .js/.mjs files are javascript
  --timeout-ms N        wall-clock limit (default ${DEFAULT_LIMITS.timeoutMs}, max ${DEFAULT_MAX_LIMITS.timeoutMs})
  --memory-mb N         memory limit in MiB (default ${DEFAULT_LIMITS.memoryBytes / 1048576}, max ${DEFAULT_MAX_LIMITS.memoryBytes / 1048576})
  --max-output-bytes N  stdout+stderr cap (default ${DEFAULT_LIMITS.maxOutputBytes})
  --max-result-bytes N  result cap (default ${DEFAULT_LIMITS.maxResultBytes})
  --json                print exactly the result object (with api_calls) as JSON
  --config FILE         take AWS settings and the principal from a server config (default: the
                        machine's AWS credentials, as the read-only principal 'local')
  --principal NAME      which principal of --config to act as (default: the first)
  --local-aws N         call local SigV4-verifying AWS endpoints seeded with N buckets instead
exit code: 0 success, 1 script error or limit, 2 usage error
`;

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, got '${value}'`);
  return Number(value);
}

async function readSource(path: string): Promise<string> {
  if (path === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP}`);
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1)
    throw new UsageError(`expected one script file or '-'\n\n${HELP}`);
  const memoryMb = positiveInt("memory-mb", parsed.values["memory-mb"]);
  const resolved = resolveLimits(LimitPolicySchema.parse({}), {
    timeoutMs: positiveInt("timeout-ms", parsed.values["timeout-ms"]),
    memoryBytes: memoryMb === undefined ? undefined : memoryMb * 1048576,
    maxOutputBytes: positiveInt("max-output-bytes", parsed.values["max-output-bytes"]),
    maxResultBytes: positiveInt("max-result-bytes", parsed.values["max-result-bytes"]),
  });
  if (!resolved.ok) {
    throw new UsageError(`${resolved.field} ${resolved.requested} is above the maximum ${resolved.maximum}`);
  }
  const language = parsed.values.language ?? (/\.m?js$/.test(file) ? "javascript" : "python");
  if (language !== "python" && language !== "javascript") {
    throw new UsageError(`--language takes python or javascript, got '${language}'`);
  }
  const code = await readSource(file);
  const localBuckets = positiveInt("local-aws", parsed.values["local-aws"]);
  if (localBuckets !== undefined && parsed.values.config)
    throw new UsageError("--local-aws and --config exclude each other");
  // AWS calls: through the bridge with the config's AWS settings and principal (default: the machine's
  // own credentials as the read-only principal `local`), or against local endpoints with --local-aws.
  const aws =
    localBuckets !== undefined
      ? await (await loadDevtools("run --local-aws")).startLocalStack({
          buckets: localBuckets,
          agent: "local",
        })
      : null;
  let bridge: AwsBridge;
  let principal: PrincipalConfigInput;
  if (aws) {
    bridge = aws.bridge;
    principal = aws.principal;
  } else {
    let config: ServerConfig;
    try {
      config = parsed.values.config ? loadConfig(parsed.values.config) : parseConfig({});
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const chosen = parsed.values.principal
      ? config.principals.find((p) => p.name === parsed.values.principal)
      : config.principals[0];
    if (parsed.values.principal && !chosen)
      throw new UsageError(`no principal '${parsed.values.principal}' in the config`);
    principal = chosen ? principalConfig(chosen) : { ...config.localPrincipal, name: "local" };
    bridge = new AwsBridge({ config: config.aws, logger: pino({ level: "warn" }, pino.destination(2)) });
  }
  const pool = await SandboxPool.start({ size: 1 });
  let result: RunRecord;
  try {
    result = await new Runner({ pool, bridge }).run({ principal, code, language, limits: resolved.limits });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "INVALID_REQUEST")
      throw new UsageError(error.message);
    throw error;
  } finally {
    await pool.close();
    if (aws) await aws.close();
    else await bridge.close();
  }
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(formatRunResult(result));
  return result.status === "success" ? 0 : 1;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      "timeout-ms": { type: "string" },
      "memory-mb": { type: "string" },
      "max-output-bytes": { type: "string" },
      "max-result-bytes": { type: "string" },
      json: { type: "boolean" },
      language: { type: "string" },
      config: { type: "string" },
      principal: { type: "string" },
      "local-aws": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
