/** JavaScript scripts: a fresh bare isolate per run, same limits and result contract as Python. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type RunLimits, type SandboxPool } from "../src/index.js";
import { MiB, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

const js = (code: string, limits: Partial<RunLimits> = {}) =>
  pool.run({ code, language: "javascript", limits: { ...DEFAULT_LIMITS, ...limits } });

describe("javascript runs", () => {
  it("returns the script's return value, with top-level await", async () => {
    const r = await js(
      "await new Promise((r) => setTimeout(r, 10));\nreturn { n: 1, when: new Date(0), bytes: new Uint8Array([0, 255]), big: 10n }",
    );
    expect(r).toMatchObject({
      status: "success",
      result: { n: 1, when: "1970-01-01T00:00:00.000Z", bytes: { $bytes: "AP8=" }, big: 10 },
    });
  });

  it("captures console.log and console.error", async () => {
    const r = await js("console.log('out', { a: 1 }); console.error('err'); return null");
    expect(r.stdout).toBe('out {"a":1}\n');
    expect(r.stderr).toBe("err\n");
  });

  it("reports thrown errors with the script's line", async () => {
    const r = await js("const x = 1;\nthrow new RangeError('nope')");
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ type: "RangeError", message: "nope" });
    expect(r.error?.traceback).toContain("<script>:2");
  });

  it("reports syntax errors", async () => {
    const r = await js("return (");
    expect(r).toMatchObject({ status: "error", error: { type: "SyntaxError" } });
  });

  it("has no require, import, process, fetch or host objects", async () => {
    const r = await js(
      "const names = ['require','process','fetch','WebSocket','XMLHttpRequest','module','Buffer','setInterval'];\nconst found = names.filter((n) => typeof globalThis[n] !== 'undefined');\nlet imported = 'no';\ntry { await import('node:fs'); imported = 'yes'; } catch (e) { imported = e.name; }\nreturn { found, imported, ctor: (() => { try { return typeof this.constructor.constructor('return process')(); } catch (e) { return e.name; } })() }",
    );
    expect(r.status).toBe("success");
    expect(r.result).toMatchObject({ found: [] });
    expect((r.result as { imported: string }).imported).not.toBe("yes");
    expect((r.result as { ctor: string }).ctor).not.toBe("object");
  });

  it("stops a busy loop at the timeout", async () => {
    const r = await js("while (true) {}", { timeoutMs: 500 });
    expect(r.status).toBe("timeout");
    expect((await js("return 'alive'")).result).toBe("alive");
  });

  it("ends a heap bomb with memory_limit", async () => {
    const r = await js("const a = []; while (true) a.push(new Array(1e6).fill(1.5))", {
      memoryBytes: 64 * MiB,
    });
    expect(r.status).toBe("memory_limit");
    expect((await js("return 'alive'")).result).toBe("alive");
  });

  it("caps output and result like Python", async () => {
    const out = await js("for (let i = 0; i < 10000; i++) console.log('x'.repeat(100)); return 'done'", {
      maxOutputBytes: 5_000,
    });
    expect(out).toMatchObject({ status: "success", result: "done", truncated: { stdout: true } });
    const res = await js("return 'x'.repeat(200000)", { maxResultBytes: 100_000 });
    expect(res.status).toBe("result_limit");
  });

  it("gets a fresh isolate every run", async () => {
    await js("globalThis.leak = 'A'; Object.prototype.polluted = 1; return 1");
    const r = await js("return [typeof globalThis.leak, typeof ({}).polluted]");
    expect(r.result).toEqual(["undefined", "undefined"]);
  });

  it("leaves the Python spare untouched", async () => {
    await js("return 1");
    const py = await pool.run({ code: "'py'", limits: DEFAULT_LIMITS });
    expect(py.result).toBe("py");
  });

  it("sees AWS errors as errors with name and code", async () => {
    const r = await js(
      "try { await aws.client('s3').listBuckets({}); } catch (e) { return [e.name, e.code, e instanceof Error]; }",
    );
    expect(r.result).toEqual(["BridgeUnavailable", "BridgeUnavailable", true]);
  });
});
