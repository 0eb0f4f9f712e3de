/**
 * The fidelity oracle: runs each script under CPython + real boto3 and under runscript, each side on
 * its own moto lane prepared identically before every script, and compares the normalised stdout and
 * outcome. The two sides run each script at the same time. A lane is reset and seeded again before a
 * script when the script needs other fixtures, or when the previous script (on either side) made a
 * call that may have changed the world; otherwise only moto's randomness is re-seeded.
 *
 * `selfCheck` runs the boto3 side on both lanes instead: any difference it finds is harness
 * nondeterminism (a fixture or script that is not reproducible), never a runscript bug.
 */
import { CPythonSide } from "./cpython-side.ts";
import { lineDiff } from "./line-diff.ts";
import { MotoLane } from "./moto-lane.ts";
import { comparable } from "./normalise.ts";
import { RunscriptSide } from "./runscript-side.ts";
import type { Script } from "./script-catalog.ts";
import type { Side, SideRun } from "./side.ts";
import { mayChangeState } from "./state-change.ts";

/**
 * The order scripts run in: grouped by the fixtures they seed (so read-only scripts share one seeded
 * world), scripts that look like they write last in their group, then by name.
 */
export function executionOrder(scripts: readonly Script[]): Script[] {
  return [...scripts].sort((a, b) => {
    const fa = a.fixtures.join(",");
    const fb = b.fixtures.join(",");
    if (fa !== fb) return fa.localeCompare(fb);
    if (a.looksWriting !== b.looksWriting) return a.looksWriting ? 1 : -1;
    return a.name.localeCompare(b.name);
  });
}

export interface LaneRun extends SideRun {
  /** Reset + seed time before the run, ms. */
  seedMs: number;
  /** The comparable text (normalised stdout + outcome). */
  text: string;
}

export interface Comparison {
  script: Script;
  boto3: LaneRun;
  runscript: LaneRun;
  /** `null` when both sides gave the same text. */
  diff: string | null;
}

export interface Verdict {
  pass: boolean;
  /** Why it fails (empty when it passes). */
  why: string;
}

/** Whether a comparison is what its script's header says. */
export function judge(c: Comparison): Verdict {
  if (c.boto3.outcome.status === "harness_error")
    return { pass: false, why: `the boto3 side did not run: ${c.boto3.outcome.message}` };
  const same = c.diff === null;
  switch (c.script.expectation.kind) {
    case "match":
      return same ? { pass: true, why: "" } : { pass: false, why: `differs from boto3:\n${c.diff}` };
    case "pending":
      return same
        ? { pass: false, why: "now matches boto3: change its header to '# fidelity: match'" }
        : { pass: true, why: "" };
    case "differs":
      return same
        ? {
            pass: false,
            why: "is documented as a deliberate difference but now matches boto3: update its header and the README",
          }
        : { pass: true, why: "" };
  }
}

interface Lane {
  moto: MotoLane;
  side: Side;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export interface OracleOptions {
  /** Run the boto3 side on both lanes (a determinism check of the harness itself). */
  selfCheck?: boolean;
}

export class Oracle implements AsyncDisposable {
  readonly #lanes: [Lane, Lane];
  #closed = false;

  private constructor(lanes: [Lane, Lane]) {
    this.#lanes = lanes;
  }

  /** Starts two moto lanes, the CPython worker and runscript's pool and bridge. */
  static async start(options: OracleOptions = {}): Promise<Oracle> {
    const started = await Promise.allSettled([MotoLane.start("boto3"), MotoLane.start("runscript")]);
    const motos = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) {
      await Promise.all(motos.map((m) => m.close()));
      throw failed.reason;
    }
    const [refMoto, testMoto] = motos as [MotoLane, MotoLane];
    const sides: Side[] = [];
    try {
      const reference = new CPythonSide(refMoto.endpoint);
      sides.push(reference);
      await reference.start();
      let underTest: Side;
      if (options.selfCheck) {
        const twin = new CPythonSide(testMoto.endpoint);
        sides.push(twin);
        await twin.start();
        underTest = twin;
      } else {
        underTest = await RunscriptSide.start(testMoto.endpoint);
        sides.push(underTest);
      }
      return new Oracle([
        { moto: refMoto, side: reference },
        { moto: testMoto, side: underTest },
      ]);
    } catch (error) {
      await Promise.allSettled([...sides.map((s) => s.close()), refMoto.close(), testMoto.close()]);
      throw error;
    }
  }

  /**
   * Starts comparing `scripts` and returns one promise per script name, settled as soon as both
   * sides have run it. Scripts run in `executionOrder`, both sides in lockstep, so the two lanes
   * always make the same reset decisions. The promises never reject: a fault of the harness is a
   * `harness_error` run.
   */
  compare(scripts: readonly Script[]): Map<string, Promise<Comparison>> {
    if (this.#closed) throw new Error("the oracle is closed");
    const ordered = executionOrder(scripts);
    const results = new Map(ordered.map((s) => [s.name, deferred<Comparison>()]));
    void this.#runAll(ordered, results);
    return new Map(ordered.map((s) => [s.name, results.get(s.name)!.promise]));
  }

  async #runAll(scripts: readonly Script[], out: Map<string, Deferred<Comparison>>): Promise<void> {
    let world: string | null = null;
    let dirty = true;
    for (const script of scripts) {
      const fixtures = script.fixtures.join(",");
      const reset = dirty || fixtures !== world;
      const [boto3, runscript] = (await Promise.all(
        this.#lanes.map((lane) => this.#runOne(lane, script, reset)),
      )) as [LaneRun, LaneRun];
      world = fixtures;
      dirty = [boto3, runscript].some(
        (r) => r.outcome.status === "harness_error" || r.calls.some(mayChangeState),
      );
      out.get(script.name)!.resolve({ script, boto3, runscript, diff: lineDiff(boto3.text, runscript.text) });
    }
  }

  async #runOne(lane: Lane, script: Script, reset: boolean): Promise<LaneRun> {
    let seedMs = 0;
    let run: SideRun;
    try {
      if (this.#closed) throw new Error("the oracle was closed");
      seedMs = await lane.moto.prepare(reset, script.fixtures);
      run = await lane.side.run(script);
    } catch (error) {
      run = {
        stdout: "",
        stderr: "",
        outcome: { status: "harness_error", message: String(error) },
        calls: [],
        ms: 0,
      };
    }
    return { ...run, seedMs, text: comparable(run, lane.moto.endpoint) };
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(this.#lanes.flatMap((l) => [l.side.close(), l.moto.close()]));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
