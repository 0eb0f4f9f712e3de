/**
 * The reference for behaviour the sandbox copies from boto3: the same Python snippet run under the
 * machine's CPython with real boto3/botocore (the suite's oracle, installed by `scripts/dev test`).
 * One CPython process serves every snippet of a test file (each in a fresh namespace), so boto3 is
 * imported once. A missing reference fails loudly: it is never skipped.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import type { Json } from "./pyodide-harness.js";

const SERVER = `
import json, sys, traceback
import boto3, botocore  # imported once, before any snippet
for line in sys.stdin:
    code = json.loads(line)
    ns = {"__name__": "__main__"}
    try:
        exec(compile(code, "<snippet>", "exec"), ns)
        out = {"ok": True, "result": json.dumps(ns.get("result"), default=repr, sort_keys=True)}
    except BaseException:
        out = {"ok": False, "error": traceback.format_exc()}
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
`;

export class CPythonReference {
  #child: ChildProcessWithoutNullStreams | null = null;
  #waiting: ((line: string) => void)[] = [];

  /** Starts the reference; throws when python3 with boto3 is missing. */
  start(): void {
    const probe = spawnSync("python3", ["-c", "import boto3, botocore, dateutil, jmespath"], {
      encoding: "utf8",
    });
    if (probe.status !== 0) {
      throw new Error(
        "the boto3 reference is missing: python3 with boto3 is required (`scripts/dev test` installs it)",
      );
    }
    const child = spawn("python3", ["-c", SERVER], {
      env: { ...process.env, TZ: "UTC", AWS_DEFAULT_REGION: "us-east-1", PYTHONHASHSEED: "0" },
    });
    createInterface({ input: child.stdout }).on("line", (line) => this.#waiting.shift()?.(line));
    this.#child = child;
  }

  /** Runs `code` under CPython with real boto3; returns its `result` variable, JSON-decoded. */
  run(code: string): Promise<Json> {
    const child = this.#child;
    if (!child) throw new Error("start() the reference first");
    return new Promise((resolve, reject) => {
      this.#waiting.push((line) => {
        const out = JSON.parse(line) as { ok: boolean; result?: string; error?: string };
        if (out.ok) resolve(JSON.parse(out.result ?? "null") as Json);
        else reject(new Error(`the CPython reference failed:\n${out.error}`));
      });
      child.stdin.write(`${JSON.stringify(code)}\n`);
    });
  }

  close(): void {
    this.#child?.stdin.end();
    this.#child = null;
  }
}
