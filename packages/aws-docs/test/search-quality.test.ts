import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DocsIndex } from "../src/docs-index.js";

interface Question {
  q: string;
  accept: string[];
}
const set = JSON.parse(readFileSync(new URL("./audit-questions.json", import.meta.url), "utf8")) as {
  questions: Question[];
  heldOut: Question[];
};

function top3(docs: DocsIndex, q: Question): { hit: boolean; got: string[] } {
  const got = docs.search({ query: q.q, limit: 3 }).map((h) => `${h.service}.${h.operation}`);
  return { hit: got.some((g) => q.accept.includes(g)), got };
}

describe("search_aws_api quality", () => {
  let docs: DocsIndex;
  beforeAll(async () => {
    docs = await DocsIndex.open();
  });

  it("has the answering operation in the top 3 for at least 27 of the 30 audit questions", () => {
    expect(set.questions).toHaveLength(30);
    const misses = set.questions.map((q) => ({ q: q.q, ...top3(docs, q) })).filter((r) => !r.hit);
    expect(misses.length, JSON.stringify(misses, null, 2)).toBeLessThanOrEqual(3);
  });

  it("every accepted answer is a real operation of the index (the question set cannot rot silently)", async () => {
    for (const q of [...set.questions, ...set.heldOut]) {
      for (const a of q.accept) {
        const [service, operation] = a.split(".") as [string, string];
        const d = await docs.describe({ service, operation });
        expect(d.operation).toBe(operation);
      }
    }
  });

  it("filters by service, by any name a script uses for it", () => {
    const hits = docs.search({ query: "list", service: "cloudwatch-logs", limit: 10 });
    expect(hits.length).toBe(10);
    expect(hits.every((h) => h.service === "logs")).toBe(true);
  });

  it("returns boto3 method names and one-line summaries", () => {
    const [first] = docs.search({ query: "list objects in a bucket", limit: 1 });
    expect(first?.method).toMatch(/^list_objects/);
    expect(first?.summary.length).toBeGreaterThan(20);
  });

  it("bounds limit and query length (a hostile query is cut, not run whole)", () => {
    expect(docs.search({ query: "list ".repeat(10_000), limit: 1000 }).length).toBeLessThanOrEqual(25);
    expect(docs.search({ query: "", limit: 3 })).toEqual([]);
  });
});
