/**
 * A child process that answers JSON lines in order: one request line on stdin, one answer line on
 * stdout. Used for the oracle's Python processes (moto lanes and the CPython worker). The first
 * line the child prints is its `ready` line. A child that exits, or does not answer in time, fails
 * every pending request with its stderr tail; it is then dead and must be started again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

const STDERR_TAIL_CHARS = 4000;

export class ChildProcessFailed extends Error {
  override readonly name = "ChildProcessFailed";
}

interface Pending {
  resolve: (line: string) => void;
  reject: (error: Error) => void;
}

/** How to start a JSON-lines child. */
export interface JsonLinesProcessOptions {
  /** Shown in errors, e.g. `moto lane boto3`. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Time for the ready line (moto warms up its backends first). */
  readyTimeoutMs: number;
}

export class JsonLinesProcess implements AsyncDisposable {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #pending: Pending[] = [];
  readonly #exited: Promise<void>;
  #stderrTail = "";
  #dead: Error | null = null;
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(opts: JsonLinesProcessOptions) {
    this.name = opts.name;
    this.#child = spawn(opts.command, opts.args, { env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    this.#child.stderr?.setEncoding("utf8");
    this.#child.stderr?.on("data", (chunk: string) => {
      this.#stderrTail = (this.#stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    const lines = createInterface({ input: this.#child.stdout! });
    lines.on("line", (line) => this.#pending.shift()?.resolve(line));
    this.#exited = new Promise((resolve) => {
      this.#child.on("error", (error) => {
        this.#die(`could not start: ${error.message}`);
        resolve();
      });
      this.#child.on("exit", (code, signal) => {
        this.#die(`exited (code ${code}, signal ${signal})`);
        resolve();
      });
    });
  }

  /** Starts the child and waits for its first (ready) line, which it returns as parsed JSON. */
  static async start(opts: JsonLinesProcessOptions): Promise<{ process: JsonLinesProcess; ready: unknown }> {
    const process = new JsonLinesProcess(opts);
    try {
      const line = await process.#nextLine(opts.readyTimeoutMs);
      return { process, ready: JSON.parse(line) as unknown };
    } catch (error) {
      await process.close();
      throw error;
    }
  }

  /** True once the child has exited or was killed. */
  get dead(): boolean {
    return this.#dead !== null;
  }

  /** Sends one request and returns the parsed answer line. Requests are answered in order. */
  request(body: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    const next = this.#chain.then(async () => {
      if (this.#dead) throw this.#dead;
      const answer = this.#nextLine(timeoutMs);
      this.#child.stdin!.write(`${JSON.stringify(body)}\n`);
      return JSON.parse(await answer) as unknown;
    });
    this.#chain = next.catch(() => undefined);
    return next;
  }

  #nextLine(timeoutMs: number): Promise<string> {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#die(`did not answer within ${timeoutMs} ms`);
        this.#child.kill("SIGKILL");
      }, timeoutMs);
      this.#pending.push({
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  #die(why: string): void {
    if (this.#dead) return;
    const tail = this.#stderrTail.trim();
    this.#dead = new ChildProcessFailed(`${this.name} ${why}${tail ? `; stderr:\n${tail}` : ""}`);
    for (const p of this.#pending.splice(0)) p.reject(this.#dead);
  }

  async close(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.stdin?.end();
      const killer = setTimeout(() => this.#child.kill("SIGKILL"), 5000);
      await this.#exited;
      clearTimeout(killer);
    }
    this.#die("closed");
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
