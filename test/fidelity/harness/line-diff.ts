/**
 * A line diff (longest common subsequence) in unified style: ` ` same, `-` boto3 only, `+` runscript
 * only, long runs of equal lines folded. Outputs are small (a script's stdout), so the quadratic
 * table is fine; past MAX_CELLS the middle is shown whole instead.
 */

const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; line: string };

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] =
        a[i] === b[j] ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i++]! });
      j++;
    } else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) ops.push({ kind: "-", line: a[i++]! });
    else ops.push({ kind: "+", line: b[j++]! });
  }
  while (i < n) ops.push({ kind: "-", line: a[i++]! });
  while (j < m) ops.push({ kind: "+", line: b[j++]! });
  return ops;
}

function split(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The diff of `boto3` against `runscript`, or `null` when they are equal. */
export function lineDiff(boto3: string, runscript: string): string | null {
  if (boto3 === runscript) return null;
  const a = split(boto3);
  const b = split(runscript);
  let ops: Op[];
  if ((a.length + 1) * (b.length + 1) <= MAX_CELLS) ops = lcsOps(a, b);
  else {
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a.at(-1 - tail) === b.at(-1 - tail)) tail++;
    ops = [
      ...a.slice(0, head).map((line): Op => ({ kind: " ", line })),
      ...a.slice(head, a.length - tail).map((line): Op => ({ kind: "-", line })),
      ...b.slice(head, b.length - tail).map((line): Op => ({ kind: "+", line })),
      ...a.slice(a.length - tail).map((line): Op => ({ kind: " ", line })),
    ];
  }
  const out: string[] = ["--- boto3 (CPython)", "+++ runscript"];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind !== " ") {
      out.push(`${ops[k]!.kind}${ops[k]!.line}`);
      k++;
      continue;
    }
    let end = k;
    while (end < ops.length && ops[end]!.kind === " ") end++;
    const run = ops.slice(k, end);
    const keepHead = k === 0 ? 0 : CONTEXT;
    const keepTail = end === ops.length ? 0 : CONTEXT;
    if (run.length > keepHead + keepTail + 1) {
      for (const op of run.slice(0, keepHead)) out.push(` ${op.line}`);
      out.push(`@@ ${run.length - keepHead - keepTail} equal lines @@`);
      for (const op of run.slice(run.length - keepTail)) out.push(` ${op.line}`);
    } else for (const op of run) out.push(` ${op.line}`);
    k = end;
  }
  return `${out.join("\n")}\n`;
}
