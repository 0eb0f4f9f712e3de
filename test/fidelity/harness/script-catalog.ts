/**
 * The oracle's scripts (`test/fidelity/scripts/*.py`) and what each declares in its header:
 *
 *     # fidelity: match                      must give the same stdout and outcome as boto3
 *     # fidelity: pending #12 <why>          known not to match yet (asserted to differ)
 *     # fidelity: differs <why>              a deliberate difference, listed in the README
 *     # seed: s3, iam                        fixtures (python/fixtures.py) seeded before the run
 *     # services: s3                         AWS services the script calls
 *     # points: streaming-body, ...          fidelity points it checks (points.ts)
 *
 * Header lines are the leading `#` comment lines of the file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const WRITING_CALL =
  /\.(put|create|delete|update|upload|copy|generate|send|attach|tag|start|stop|run|modify|enable|disable|add|remove|set|register|invoke|publish|receive)_\w*\(|\.(upload_file|upload_fileobj|copy)\(/;

export const SCRIPTS_DIR = fileURLToPath(new URL("../scripts/", import.meta.url));

export const ExpectationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("match") }),
  z.object({ kind: z.literal("pending"), issue: z.number().int().positive(), reason: z.string().min(3) }),
  z.object({ kind: z.literal("differs"), reason: z.string().min(10) }),
]);
export type Expectation = z.infer<typeof ExpectationSchema>;

const NAME_LIST = z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/));

export const ScriptSchema = z.object({
  /** File name without `.py`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_]*$/),
  path: z.string(),
  expectation: ExpectationSchema,
  fixtures: NAME_LIST,
  services: NAME_LIST.min(1),
  points: NAME_LIST,
  /**
   * Whether the source looks like it changes AWS state (calls a `put_`/`create_`/`upload_`... method).
   * Used only to run such scripts last among those sharing fixtures (fewer resets); whether the world
   * is reset is decided from the calls each side really made.
   */
  looksWriting: z.boolean(),
});
export type Script = z.infer<typeof ScriptSchema>;

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseExpectation(text: string | undefined, file: string): Expectation {
  if (text === undefined) throw new Error(`${file}: no '# fidelity:' header line`);
  if (text === "match") return { kind: "match" };
  const pending = /^pending\s+#?(\d+)\s*[:—-]?\s*(.*)$/.exec(text);
  if (pending)
    return ExpectationSchema.parse({ kind: "pending", issue: Number(pending[1]), reason: pending[2] });
  const differs = /^differs\s*[:—-]?\s*(.*)$/.exec(text);
  if (differs) return ExpectationSchema.parse({ kind: "differs", reason: differs[1] });
  throw new Error(
    `${file}: '# fidelity: ${text}' is not 'match', 'pending #<issue> <why>' or 'differs <why>'`,
  );
}

/** Parses one script's header. */
export function parseScript(path: string, source: string): Script {
  const name = basename(path, ".py");
  const header = new Map<string, string>();
  for (const line of source.split("\n")) {
    if (!line.startsWith("#")) break;
    const m = /^#\s*([a-z]+):\s*(.*?)\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined && !header.has(m[1])) header.set(m[1], m[2]);
  }
  const parsed = ScriptSchema.safeParse({
    name,
    path,
    expectation: parseExpectation(header.get("fidelity"), name),
    fixtures: list(header.get("seed")),
    services: list(header.get("services")),
    points: list(header.get("points")),
    looksWriting: WRITING_CALL.test(source),
  });
  if (!parsed.success) throw new Error(`${name}: bad header: ${parsed.error.message}`);
  return parsed.data;
}

/** Every script, sorted by name; `only` keeps those whose name (or file name) is listed. */
export function loadScripts(only: readonly string[] = []): Script[] {
  const wanted = new Set(only.map((o) => basename(o, ".py")));
  const scripts = readdirSync(SCRIPTS_DIR)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((f) => parseScript(join(SCRIPTS_DIR, f), readFileSync(join(SCRIPTS_DIR, f), "utf8")))
    .filter((s) => wanted.size === 0 || wanted.has(s.name));
  const unknown = [...wanted].filter((w) => !scripts.some((s) => s.name === w));
  if (unknown.length > 0) throw new Error(`no fidelity script named ${unknown.join(", ")} in ${SCRIPTS_DIR}`);
  return scripts;
}

/** Rewrites a `pending` script's header to `# fidelity: match` (for `run.ts --flip-fixed`). */
export function markMatching(script: Script): void {
  if (script.expectation.kind !== "pending") throw new Error(`${script.name} is not pending`);
  const source = readFileSync(script.path, "utf8");
  writeFileSync(script.path, source.replace(/^# fidelity: pending[^\n]*$/m, "# fidelity: match"));
}
