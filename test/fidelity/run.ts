/**
 * Runs fidelity scripts side by side (CPython + real boto3 vs runscript, each on its own moto lane)
 * and shows the diffs. Needs a build (`npm run build`) and the oracle (`scripts/dev test` installs it).
 *
 *   node test/fidelity/run.ts                       every script; summary + diffs of failing ones
 *   node test/fidelity/run.ts s3_streaming_body     one or more scripts: both outputs and the diff
 *   node test/fidelity/run.ts --self-check [names]  boto3 on both lanes: harness determinism check
 *   node test/fidelity/run.ts --flip-fixed [names]  rewrite `pending` headers of scripts that now match
 *   npm run fidelity -- <names>                     the same
 *
 * Exit code 0 when every script is as its header declares, 1 otherwise, 2 for a usage error.
 * The full report is written to test/fidelity/.report/.
 */
import { parseArgs } from "node:util";
import { judge, Oracle } from "./harness/oracle.ts";
import { checkOracle } from "./harness/python.ts";
import { summarise, summaryLine, writeReport } from "./harness/report.ts";
import { loadScripts, markMatching } from "./harness/script-catalog.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "self-check": { type: "boolean" },
    "flip-fixed": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  process.stdout.write(
    "usage: node test/fidelity/run.ts [--self-check] [--flip-fixed] [--quiet] [script ...]\n",
  );
  process.exit(0);
}
let scripts: ReturnType<typeof loadScripts>;
try {
  scripts = loadScripts(positionals);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const versions = checkOracle();
const started = performance.now();
const oracle = await Oracle.start({ selfCheck: values["self-check"] ?? false });
const startMs = performance.now() - started;
const verbose = positionals.length > 0 && !values.quiet;
const comparisons = [];
try {
  for (const [name, pending] of oracle.compare(scripts)) {
    const c = await pending;
    comparisons.push(c);
    const verdict = judge(c);
    const tag = c.diff === null ? "same" : "DIFF";
    const declared = c.script.expectation.kind;
    process.stdout.write(
      `${verdict.pass ? "ok  " : "FAIL"} ${tag} ${name} [${declared}] boto3 ${c.boto3.ms.toFixed(0)} ms, runscript ${c.runscript.ms.toFixed(0)} ms\n`,
    );
    if (verbose) {
      process.stdout.write(
        `--- boto3 stdout+outcome\n${c.boto3.text}--- runscript stdout+outcome\n${c.runscript.text}`,
      );
      if (c.runscript.stderr) process.stdout.write(`--- runscript stderr\n${c.runscript.stderr}\n`);
    }
    if (c.diff !== null && (verbose || !verdict.pass)) process.stdout.write(c.diff);
    if (
      values["flip-fixed"] &&
      !values["self-check"] &&
      c.diff === null &&
      c.script.expectation.kind === "pending"
    ) {
      markMatching(c.script);
      process.stdout.write(`     ${name}: header changed to '# fidelity: match'\n`);
    }
  }
} finally {
  await oracle.close();
}
const summary = summarise(comparisons, performance.now() - started);
const dir = writeReport(comparisons, summary, {
  versions,
  startMs,
  selfCheck: values["self-check"] ?? false,
});
process.stdout.write(`${summaryLine(summary)} (start ${(startMs / 1000).toFixed(1)} s)\nreport: ${dir}\n`);
process.exit(summary.failing.length === 0 ? 0 : 1);
