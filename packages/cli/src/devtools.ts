/**
 * The development tools (`@runscript/devtools`: fuzz, load tests, the demo, local AWS endpoints) are
 * not part of the product: a production install does not have them. The CLI loads them on demand
 * and says so clearly when they are missing. `@runscript/devtools` implements `Devtools` (its
 * `cli.ts` is typed against this interface, so the two cannot drift).
 */
import type { AwsBridge, PrincipalConfigInput } from "@runscript/aws-bridge";
import { UsageError } from "./usage-error.js";

/** A subcommand: runs with its arguments, returns the process exit code. */
export interface Command {
  run(argv: string[]): Promise<number>;
}

/** Local SigV4-verifying AWS endpoints and a bridge pointed at them, whose principal assumes a role there. */
export interface LocalStackHandle {
  bridge: AwsBridge;
  principal: PrincipalConfigInput;
  close(): Promise<void>;
}

/** Local AWS endpoints for a server (`serve --local-aws`). */
export interface LocalAwsHandle {
  endpoint: string;
  accountId: string;
  baseCredentials: { accessKeyId: string; secretAccessKey: string };
  seedBuckets(count: number): Promise<unknown>;
  close(): Promise<void>;
}

/** What the CLI uses from `@runscript/devtools`. */
export interface Devtools {
  commands: { demo: Command; fuzz: Command; loadtest: Command };
  startLocalStack(options: { buckets: number; agent: string }): Promise<LocalStackHandle>;
  startLocalAws(): Promise<LocalAwsHandle>;
}

/** The entry `@runscript/devtools` exposes to the CLI. */
export const DEVTOOLS_ENTRY = "@runscript/devtools/cli";

/**
 * Loads the development tools for `feature`, or throws a `UsageError` that says they are not
 * installed (exit code 2) and how to get them.
 */
export async function loadDevtools(feature: string): Promise<Devtools> {
  try {
    import.meta.resolve(DEVTOOLS_ENTRY);
  } catch {
    throw new UsageError(
      `${feature} needs the development tools (${DEVTOOLS_ENTRY.replace(/\/cli$/, "")}), which this installation does not include (production images leave them out). Use a source checkout: npm ci, then scripts/dev ${feature.split(" ")[0]}`,
    );
  }
  const entry: string = DEVTOOLS_ENTRY;
  return ((await import(entry)) as { devtools: Devtools }).devtools;
}
