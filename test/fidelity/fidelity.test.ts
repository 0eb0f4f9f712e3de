/**
 * The boto3 fidelity oracle (issues 11 and 12): every script in `scripts/` runs under CPython + real
 * boto3 and under runscript against identical moto worlds; stdout and outcome must be the same
 * (`match`), must still differ (`pending`, until fixed), or differ on purpose (`differs`, listed in
 * the README). See README.md; `node test/fidelity/run.ts <script>` shows one side by side.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Comparison, executionOrder, judge, Oracle } from "./harness/oracle.ts";
import { FIDELITY_POINTS, isFidelityPoint } from "./harness/points.ts";
import { checkOracle, type OracleVersions, pythonFile } from "./harness/python.ts";
import { summarise, summaryLine, writeReport } from "./harness/report.ts";
import { loadScripts } from "./harness/script-catalog.ts";

const scripts = executionOrder(loadScripts());
let oracle: Oracle | undefined;
let versions: OracleVersions | undefined;
let results = new Map<string, Promise<Comparison>>();
const done: Comparison[] = [];
const started = performance.now();

beforeAll(async () => {
  versions = checkOracle(); // a missing oracle fails every test here, loudly, never a skip
  oracle = await Oracle.start();
  results = oracle.compare(scripts);
}, 300_000);

afterAll(async () => {
  await oracle?.close();
  if (done.length === 0) return;
  const summary = summarise(done, performance.now() - started);
  const dir = writeReport(done, summary, { versions });
  console.log(`${summaryLine(summary)}\nreport: ${dir}`);
});

describe("scripts behave as under CPython + boto3", () => {
  for (const script of scripts) {
    const e = script.expectation;
    const label = e.kind === "match" ? "match" : e.kind === "pending" ? `pending #${e.issue}` : "differs";
    it(`${script.name} [${label}]`, async () => {
      const comparison = await results.get(script.name);
      if (!comparison) throw new Error("the oracle did not start");
      done.push(comparison);
      const verdict = judge(comparison);
      expect(verdict.pass, `${script.name}: ${verdict.why}`).toBe(true);
    }, 180_000);
  }
});

describe("the script catalog", () => {
  it("covers every fidelity point of issues 11 and 12, naming only known points", () => {
    const unknown = scripts.flatMap((s) =>
      s.points.filter((p) => !isFidelityPoint(p)).map((p) => `${s.name}: ${p}`),
    );
    expect(unknown).toEqual([]);
    const covered = new Set(scripts.flatMap((s) => s.points));
    expect(Object.keys(FIDELITY_POINTS).filter((p) => !covered.has(p))).toEqual([]);
  });

  it("names only fixtures that exist", () => {
    const source = readFileSync(pythonFile("fixtures.py"), "utf8");
    const table = source.slice(source.indexOf("FIXTURES = {"));
    const known = new Set([...table.matchAll(/^\s+"([a-z0-9-]+)":/gm)].map((m) => m[1]));
    expect(
      scripts.flatMap((s) => s.fixtures.filter((f) => !known.has(f)).map((f) => `${s.name}: ${f}`)),
    ).toEqual([]);
  });

  it("lists every deliberate difference in the README with its reason", () => {
    const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
    const missing = scripts.filter(
      (s) => s.expectation.kind === "differs" && !readme.includes(`\`${s.name}\``),
    );
    expect(missing.map((s) => s.name)).toEqual([]);
  });
});
