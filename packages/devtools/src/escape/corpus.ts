/**
 * The escape corpus: hostile scripts under `test/escape/cases/<category>/<name>.(py|js)`, each with
 * its expected safe outcome in a header:
 *
 *   # runscript-escape-case
 *   # description: what the case attempts
 *   # expect-status: error | success        (any of these statuses is safe)
 *   # expect-result: [] (optional; the exact JSON result when the status is success)
 *
 * Placeholders `{SENTINEL_FILE}`, `{LISTENER_PORT}` and `{MARKER}` are filled by the runner.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";

const StatusSchema = z.enum(["success", "error", "timeout", "memory_limit", "result_limit"]);

export const EscapeCaseSchema = z.object({
  id: z.string(),
  category: z.string(),
  language: z.enum(["python", "javascript"]),
  description: z.string().min(1),
  expectStatus: z.array(StatusSchema).min(1),
  expectResult: z.unknown().optional(),
  code: z.string(),
});
export type EscapeCase = z.infer<typeof EscapeCaseSchema>;

/** Parses one case file; throws with the file name when its header is wrong. */
export function parseCase(
  id: string,
  category: string,
  text: string,
  language: EscapeCase["language"],
): EscapeCase {
  const header: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = line.match(/^(?:#|\/\/)\s*([a-z-]+):\s*(.*)$/);
    if (m?.[1] && m[2] !== undefined) header[m[1]] = m[2].trim();
    else if (!/^(#|\/\/)/.test(line)) break;
  }
  if (!text.match(/^(#|\/\/) runscript-escape-case/))
    throw new Error(`${id}: missing the runscript-escape-case header`);
  const parsed = EscapeCaseSchema.safeParse({
    id,
    category,
    language,
    description: header.description,
    expectStatus: header["expect-status"]?.split("|").map((s) => s.trim()),
    expectResult: header["expect-result"] === undefined ? undefined : JSON.parse(header["expect-result"]),
    code: text,
  });
  if (!parsed.success) throw new Error(`${id}: bad header: ${parsed.error.message}`);
  return parsed.data;
}

/** Loads every case under `dir` (sorted, so cases that plant state run before those that check it). */
export function loadCorpus(dir: string): EscapeCase[] {
  const cases: EscapeCase[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(py|js)$/.test(name)) {
        const id = relative(dir, full);
        const category = id.includes("/") ? (id.split("/")[0] ?? "misc") : "misc";
        cases.push(
          parseCase(id, category, readFileSync(full, "utf8"), name.endsWith(".js") ? "javascript" : "python"),
        );
      }
    }
  };
  walk(dir);
  return cases;
}

/** Values the runner plants so a violation is visible. */
export interface Sentinels {
  sentinelFile: string;
  fileSecret: string;
  envSecret: string;
  listenerPort: number;
  marker: string;
  /** Strings that must never appear in any output (e.g. credentials). */
  forbidden: string[];
}

/** Fills the placeholders of a case. */
export function materialize(c: EscapeCase, s: Sentinels): string {
  return c.code
    .replaceAll("{SENTINEL_FILE}", s.sentinelFile)
    .replaceAll("{LISTENER_PORT}", String(s.listenerPort))
    .replaceAll("{MARKER}", s.marker);
}

/** The outcome of one case: violations are the reasons it was not contained. */
export interface CaseVerdict {
  id: string;
  category: string;
  contained: boolean;
  violations: string[];
}

/** Checks a run result against the case's expectation and the sentinels. */
export function judge(
  c: EscapeCase,
  result: { status: string; result: unknown },
  everything: string,
  s: Sentinels,
): CaseVerdict {
  const violations: string[] = [];
  if (!c.expectStatus.includes(result.status as never)) {
    violations.push(`status ${result.status}, expected ${c.expectStatus.join(" | ")}`);
  }
  if (c.expectResult !== undefined && result.status === "success") {
    if (JSON.stringify(result.result) !== JSON.stringify(c.expectResult)) {
      violations.push(
        `result ${JSON.stringify(result.result)?.slice(0, 200)}, expected ${JSON.stringify(c.expectResult)}`,
      );
    }
  }
  for (const [what, secret] of [
    ["the planted environment secret", s.envSecret],
    ["the planted host file", s.fileSecret],
    ...s.forbidden.map((f) => ["a forbidden string (credential)", f] as const),
  ] as const) {
    if (secret && everything.includes(secret)) violations.push(`output contains ${what}`);
  }
  if (/root:x:0:0:/.test(everything)) violations.push("output contains /etc/passwd");
  return { id: c.id, category: c.category, contained: violations.length === 0, violations };
}
