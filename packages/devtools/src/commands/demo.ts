/**
 * `runscript demo [--buckets N]`: the whole flow with no AWS account. Starts local AWS endpoints
 * seeded with sample buckets, then runs `examples/s3-public-access-audit.py` in a fresh sandbox whose
 * AWS calls go through the bridge with an assumed-role session, and prints the report, the API calls
 * and which credentials signed them.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Runner } from "@runscript/runner";
import { DEFAULT_LIMITS, SandboxPool } from "@runscript/sandbox";
import { formatRunResult } from "runscript/format-result";
import { UsageError } from "runscript/usage-error";
import { startLocalStack } from "../local-stack.js";

const EXAMPLE = new URL("../../../../examples/s3-public-access-audit.py", import.meta.url);

export async function run(argv: string[]): Promise<number> {
  let values: { buckets?: string | undefined; json?: boolean | undefined };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { buckets: { type: "string" }, json: { type: "boolean" } },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const buckets = Number(values.buckets ?? "12");
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1000)
    throw new UsageError("--buckets takes 1 to 1000");
  const stack = await startLocalStack({ buckets });
  const pool = await SandboxPool.start({ size: 1 });
  try {
    const result = await new Runner({ pool, bridge: stack.bridge }).run({
      principal: stack.principal,
      code: readFileSync(EXAMPLE, "utf8"),
      limits: DEFAULT_LIMITS,
    });
    const calls = result.api_calls;
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(
        `local AWS at ${stack.aws.endpoint} with ${buckets} sample buckets; agent '${stack.principal.name}' assumes ${stack.principal.roleArn}\n\n`,
      );
      process.stdout.write(formatRunResult(result));
      const signed = stack.aws.requests().filter((r) => r.service === "s3");
      const kinds = new Set(signed.map((r) => r.credentialKind));
      process.stdout.write(
        `\n${calls.length} AWS calls through the bridge; S3 requests signed with: ${[...kinds].join(", ")}\n`,
      );
    }
    return result.status === "success" ? 0 : 1;
  } finally {
    await pool.close();
    await stack.close();
  }
}
