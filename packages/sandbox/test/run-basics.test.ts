import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunResultSchema, type SandboxPool } from "../src/index.js";
import { runIn, startPool } from "./helpers.js";

let pool: SandboxPool;
beforeAll(async () => {
  pool = await startPool({ size: 2 });
});
afterAll(async () => {
  await pool.close();
});

describe("the result contract", () => {
  it("returns the last expression as JSON and matches the schema", async () => {
    const r = await runIn(pool, "x = {'a': [1, 2.5, 'three', None, True]}\nx");
    expect(RunResultSchema.parse(r)).toEqual(r);
    expect(r.status).toBe("success");
    expect(r.result).toEqual({ a: [1, 2.5, "three", null, true] });
    expect(r.error).toBeNull();
  });

  it("converts datetimes to ISO 8601, bytes to base64 and anything else to repr", async () => {
    const r = await runIn(
      pool,
      "import datetime\nclass P:\n    def __repr__(self): return 'P()'\n[datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc), datetime.date(2024, 1, 2), bytes([0, 255]), P(), float('nan'), {1: 'int key'}, (1, 2)]",
    );
    expect(r.result).toEqual([
      "2024-05-06T07:08:09+00:00",
      "2024-01-02",
      { $bytes: "AP8=" },
      "P()",
      "nan",
      { "1": "int key" },
      [1, 2],
    ]);
  });

  it("gives null when the script ends with a statement", async () => {
    const r = await runIn(pool, "x = 1");
    expect(r).toMatchObject({ status: "success", result: null });
  });

  it("supports top-level await", async () => {
    const r = await runIn(
      pool,
      "import asyncio\nawait asyncio.sleep(0.01)\nawait asyncio.gather(*(asyncio.sleep(0, result=i) for i in range(3)))",
    );
    expect(r).toMatchObject({ status: "success", result: [0, 1, 2] });
  });

  it("captures stdout and stderr separately", async () => {
    const r = await runIn(
      pool,
      "import sys\nprint('out line')\nprint('err line', file=sys.stderr)\nsys.stdout.write('no newline')",
    );
    expect(r.stdout).toBe("out line\nno newline");
    expect(r.stderr).toBe("err line\n");
    expect(r.truncated).toEqual({ stdout: false, stderr: false });
  });

  it("reports a script error with a traceback of the script's frames only", async () => {
    const r = await runIn(pool, "def f():\n    return 1 / 0\n\nf()");
    expect(r.status).toBe("error");
    expect(r.error?.type).toBe("ZeroDivisionError");
    expect(r.error?.message).toBe("division by zero");
    expect(r.error?.traceback).toContain('File "<script>", line 2, in f');
    expect(r.error?.traceback).not.toContain("runscript_runner");
    expect(r.error?.traceback).not.toContain("pyodide");
  });

  it("reports syntax errors as script errors", async () => {
    const r = await runIn(pool, "def broken(:\n  pass");
    expect(r.status).toBe("error");
    expect(r.error?.type).toBe("SyntaxError");
  });

  it("runs Python 3.14 with the standard library", async () => {
    const r = await runIn(
      pool,
      "import sys, json, re, hashlib, sqlite3\n[sys.version_info[:2], hashlib.sha256(b'x').hexdigest()[:8], sqlite3.connect(':memory:').execute('select 41+1').fetchone()[0]]",
    );
    expect(r).toMatchObject({ status: "success", result: [[3, 14], "2d711642", 42] });
  });

  it("has a working CSPRNG", async () => {
    const r = await runIn(
      pool,
      "import os, secrets\n[len(os.urandom(16)), os.urandom(16) != os.urandom(16), len(secrets.token_hex(8))]",
    );
    expect(r.result).toEqual([16, true, 16]);
  });
});
