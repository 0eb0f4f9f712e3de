/**
 * "Did you mean" suggestions for unknown service and operation names (edit distance).
 */

/** Levenshtein distance between two strings (two-row dynamic programming). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/**
 * Up to `limit` candidates closest to `query`: those within an edit distance of about a third of
 * the query's length, and those that contain the query (or are contained in it), best first.
 * `display` maps a candidate key to the name shown to the user (duplicates are dropped).
 */
export function closestMatches(
  query: string,
  candidates: Iterable<string>,
  display: (candidate: string) => string = (c) => c,
  limit = 3,
): string[] {
  const threshold = Math.max(2, Math.floor(query.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const candidate of candidates) {
    // Long names against short queries cannot be near; skip the quadratic work.
    let score =
      Math.abs(candidate.length - query.length) > threshold ? Infinity : editDistance(query, candidate);
    if (score > threshold && query.length >= 4 && (candidate.includes(query) || query.includes(candidate))) {
      score = threshold + 0.5 + Math.abs(candidate.length - query.length) / 1000;
    }
    if (score <= threshold + 1) scored.push({ name: display(candidate), score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  const out: string[] = [];
  for (const { name } of scored) {
    if (!out.includes(name)) out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}
