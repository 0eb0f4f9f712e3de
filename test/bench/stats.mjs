/** Small statistics helpers for the benchmark scripts. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
export const ms = (v) => `${v.toFixed(1)} ms`;
export function summary(values) {
  return `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, min ${ms(Math.min(...values))} (n=${values.length})`;
}
/** `(goal <= 50 ms: met)` / `(goal <= 50 ms: NOT met)`, printed beside a figure. */
export function goal(value, op, target, unit) {
  const met = op === "<=" ? value <= target : value >= target;
  return `(goal ${op} ${target} ${unit}: ${met ? "met" : "NOT met"})`;
}
