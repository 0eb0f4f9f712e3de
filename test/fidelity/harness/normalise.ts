/**
 * What may differ between the two runs of a script and is not a fidelity difference — and nothing
 * else: the lane's endpoint (each side has its own moto server on its own port) and request ids
 * (made per HTTP request by moto). Everything else a script prints is compared as it is.
 */
import type { Outcome, SideRun } from "./side.ts";

/** Response-metadata keys whose values are per-request ids. */
export const REQUEST_ID_KEYS = ["RequestId", "HostId", "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2"];

const REQUEST_ID_VALUE = new RegExp(
  `(['"])(${REQUEST_ID_KEYS.join("|")})\\1(\\s*:\\s*)(['"])[^'"\\n]*\\4`,
  "g",
);

/** Replaces the lane endpoint's authority and request-id values with placeholders. */
export function normalise(text: string, endpoint: string): string {
  const authority = new URL(endpoint).host;
  return text
    .split(authority)
    .join("<moto-endpoint>")
    .replace(
      REQUEST_ID_VALUE,
      (_m, q: string, key: string, sep: string, vq: string) => `${q}${key}${q}${sep}${vq}<request-id>${vq}`,
    );
}

function outcomeLine(outcome: Outcome): string {
  switch (outcome.status) {
    case "ok":
      return "ok";
    case "exception":
      return `raised ${outcome.type}: ${outcome.message}`;
    case "limit":
      return `stopped by the ${outcome.kind} limit: ${outcome.message}`;
    case "harness_error":
      return `harness error: ${outcome.message}`;
  }
}

/** The text compared for one side: normalised stdout, then the outcome. */
export function comparable(run: SideRun, endpoint: string): string {
  const stdout =
    run.stdout === "" || run.stdout.endsWith("\n") ? run.stdout : `${run.stdout}\n[no newline at end]\n`;
  return normalise(`${stdout}=> ${outcomeLine(run.outcome)}\n`, endpoint);
}
