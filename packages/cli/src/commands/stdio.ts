/**
 * `runscript stdio [--config FILE]`: the MCP server over stdin/stdout, for desktop MCP clients.
 * Acts as `stdioPrincipal` (or the first principal, or the read-only `local` principal).
 */
import { parseArgs } from "node:util";
import { serveStdio } from "@runscript/server";
import { UsageError } from "../usage-error.js";
import { configFromArgs } from "./serve.js";

export async function run(argv: string[]): Promise<number> {
  let values: { config?: string | undefined };
  try {
    values = parseArgs({ args: argv, strict: true, options: { config: { type: "string" } } }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: runscript stdio [--config FILE]`);
  }
  await serveStdio(configFromArgs(values));
  return 0;
}
