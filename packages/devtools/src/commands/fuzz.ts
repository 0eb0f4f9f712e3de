/**
 * `runscript fuzz [--corpus DIR]... [--mutations N] [--seed S] [--time 60s] [--json]`
 *
 * Runs the escape corpus (test/escape/cases plus any --corpus DIR) and generated hostile bridge
 * requests against real sandboxes, the real bridge and local AWS endpoints. Prints tried / contained
 * / violated per category; exits 1 on any violation.
 */

import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { UsageError } from "runscript/usage-error";
import { type EscapeCase, loadCorpus } from "../escape/corpus.js";
import { runFuzz } from "../fuzz/fuzz-run.js";
import { parseDuration } from "./loadtest.js";

const BUILTIN_CORPUS = fileURLToPath(new URL("../../../../test/escape/cases", import.meta.url));

const HELP = `usage: runscript fuzz [options]
  --corpus DIR     add a directory of your own cases (repeatable; same format as test/escape/cases)
  --mutations N    generated hostile bridge requests (default 500)
  --seed S         fast-check seed, to reproduce a run (default: random, printed)
  --time D         time budget for generated requests (default 60s)
  --json           print the report as JSON
exit code: 0 when everything was contained, 1 on any violation, 2 on a usage error
`;

export async function run(argv: string[]): Promise<number> {
  let values: {
    corpus?: string[] | undefined;
    mutations?: string | undefined;
    seed?: string | undefined;
    time?: string | undefined;
    json?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        corpus: { type: "string", multiple: true },
        mutations: { type: "string" },
        seed: { type: "string" },
        time: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const mutations = Number(values.mutations ?? "500");
  if (!Number.isInteger(mutations) || mutations < 0 || mutations > 1_000_000)
    throw new UsageError("--mutations takes 0 to 1000000");
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError("--seed takes a whole number");
  let cases: EscapeCase[];
  try {
    cases = [BUILTIN_CORPUS, ...(values.corpus ?? [])].flatMap((dir) => loadCorpus(dir));
  } catch (error) {
    throw new UsageError(`cannot load the corpus: ${(error as Error).message}`);
  }
  const live = process.stderr.isTTY;
  const report = await runFuzz({
    cases,
    mutations,
    seed,
    timeBudgetMs: parseDuration(values.time ?? "60s"),
    onProgress: (done, total, category) => {
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${category}`;
      if (live) process.stderr.write(`\r${line.padEnd(90)}`);
      else if (done % 50 === 0 || done === total) process.stderr.write(`${line}\n`);
    },
  });
  if (live) process.stderr.write("\n");
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const rows = Object.entries(report.categories).map(
      ([name, t]) =>
        `${name.padEnd(28)} ${String(t.tried).padStart(6)} ${String(t.contained).padStart(10)} ${String(t.violated).padStart(9)}`,
    );
    process.stdout.write(
      `seed ${report.seed}\n${"category".padEnd(28)} ${"tried".padStart(6)} ${"contained".padStart(10)} ${"violated".padStart(9)}\n${rows.join("\n")}\n`,
    );
    for (const v of report.violations)
      process.stdout.write(`VIOLATION ${v.category} ${v.id}: ${v.violations.join("; ")}\n`);
  }
  return report.violations.length > 0 ? 1 : 0;
}
