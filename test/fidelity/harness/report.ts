/**
 * The oracle's report: a summary line for people, and `test/fidelity/.report/` (gitignored) for the
 * engineers fixing differences: `report.json` (every script: expectation, verdict, both sides'
 * stdout/stderr/outcome/timings, the diff) and `diffs/<script>.diff` for each script that differs.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Comparison, judge } from "./oracle.ts";

export const REPORT_DIR = fileURLToPath(new URL("../.report/", import.meta.url));

export interface Summary {
  scripts: number;
  match: number;
  pending: number;
  differs: number;
  /** Scripts whose result is not what their header says. */
  failing: string[];
  /** Scripts that match boto3 today (whatever their header says). */
  sameAsBoto3: number;
  wallMs: number;
}

export function summarise(comparisons: readonly Comparison[], wallMs: number): Summary {
  const count = (kind: string) => comparisons.filter((c) => c.script.expectation.kind === kind).length;
  return {
    scripts: comparisons.length,
    match: count("match"),
    pending: count("pending"),
    differs: count("differs"),
    failing: comparisons.filter((c) => !judge(c).pass).map((c) => c.script.name),
    sameAsBoto3: comparisons.filter((c) => c.diff === null).length,
    wallMs,
  };
}

export function summaryLine(s: Summary): string {
  const failing = s.failing.length > 0 ? `; NOT AS DECLARED: ${s.failing.join(", ")}` : "";
  return (
    `fidelity oracle: ${s.scripts} scripts, ${s.sameAsBoto3} same as boto3 — ` +
    `${s.match} match / ${s.pending} pending / ${s.differs} differs, in ${(s.wallMs / 1000).toFixed(1)} s${failing}`
  );
}

/** Writes the report directory; returns its path. */
export function writeReport(
  comparisons: readonly Comparison[],
  summary: Summary,
  meta: Record<string, unknown>,
): string {
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(join(REPORT_DIR, "diffs"), { recursive: true });
  const scripts = comparisons.map((c) => {
    const verdict = judge(c);
    if (c.diff !== null) writeFileSync(join(REPORT_DIR, "diffs", `${c.script.name}.diff`), c.diff);
    return {
      name: c.script.name,
      expectation: c.script.expectation,
      services: c.script.services,
      points: c.script.points,
      sameAsBoto3: c.diff === null,
      asDeclared: verdict.pass,
      why: verdict.why,
      diff: c.diff,
      boto3: {
        stdout: c.boto3.stdout,
        stderr: c.boto3.stderr,
        outcome: c.boto3.outcome,
        ms: c.boto3.ms,
        seedMs: c.boto3.seedMs,
      },
      runscript: {
        stdout: c.runscript.stdout,
        stderr: c.runscript.stderr,
        outcome: c.runscript.outcome,
        ms: c.runscript.ms,
        seedMs: c.runscript.seedMs,
      },
    };
  });
  writeFileSync(
    join(REPORT_DIR, "report.json"),
    `${JSON.stringify({ ...meta, summary, scripts }, null, 2)}\n`,
  );
  writeFileSync(join(REPORT_DIR, "summary.txt"), `${summaryLine(summary)}\n`);
  return REPORT_DIR;
}
