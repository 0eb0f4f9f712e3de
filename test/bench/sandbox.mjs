/**
 * Sandbox core benchmark (issues #2, #17). Prints, in one run, each figure beside its goal:
 * fresh-sandbox boot time and where it goes (per phase: wall, CPU, page faults), trivial-script
 * latency through the pool with a spare ready, sustained fresh-sandbox runs/s at concurrency 2 and 8,
 * the CPU script inside the sandbox vs plain loadPyodide() in Node, and RSS per idle sandbox process.
 */
import { readFileSync } from "node:fs";
import { DEFAULT_LIMITS, SandboxPool } from "@runscript/sandbox";
import { measureBoots } from "@runscript/sandbox/build";
import { loadPyodide } from "pyodide";
import { goal, percentile, summary } from "./stats.mjs";

const CPU_SCRIPT = "sum(i*i for i in range(10**6))";
const quick = process.argv.includes("--quick");
const N = quick ? 10 : 40;

export async function benchSandbox() {
  const out = {};
  // 1. boot (the first two warm the process's code cache and memory pool, as a sandbox process's are)
  const boots = (await measureBoots(N + 2)).slice(2).map((b) => b.ms);
  out.bootP50 = percentile(boots, 50);
  console.log(
    `fresh-sandbox boot (new isolate + snapshot restore):  ${summary(boots)}  ${goal(out.bootP50, "<=", 50, "ms")}`,
  );
  printBootPhases((await measureBoots(12, { profile: true })).slice(2));

  // 2. trivial script through the pool, a spare always ready
  const pool = await SandboxPool.start({ size: 2 });
  const run = (code) => pool.run({ code, limits: DEFAULT_LIMITS });
  const waitReady = async () => {
    while (pool.stats().ready < 2) await new Promise((r) => setTimeout(r, 5));
  };
  const latencies = [];
  for (let i = 0; i < N; i++) {
    await waitReady();
    const t = performance.now();
    const r = await run("1 + 1");
    latencies.push(performance.now() - t);
    if (r.status !== "success") throw new Error(`trivial run failed: ${JSON.stringify(r)}`);
  }
  out.trivialP50 = percentile(latencies, 50);
  console.log(`trivial run end to end (spare ready):                 ${summary(latencies)}`);

  // 3. sustained fresh-sandbox runs/s
  for (const concurrency of [2, 8]) {
    await waitReady();
    const total = quick ? 20 : 80;
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          next++;
          await run("1 + 1");
        }
      }),
    );
    const rate = total / ((performance.now() - t) / 1000);
    out[`runsPerSecond${concurrency}`] = rate;
    console.log(
      `sustained fresh-sandbox runs/s at concurrency ${concurrency}:     ${rate.toFixed(1)} runs/s (pool of 2 processes, ${total} runs)${concurrency === 8 ? `  ${goal(rate, ">=", 20, "runs/s")}` : ""}`,
    );
  }

  // 3b. JavaScript: a fresh bare isolate per run, no Pyodide (issue #7)
  const jsRun = (code) => pool.run({ code, language: "javascript", limits: DEFAULT_LIMITS });
  const jsLatencies = [];
  for (let i = 0; i < N * 5; i++) {
    const t = performance.now();
    await jsRun("return 1 + 1");
    jsLatencies.push(performance.now() - t);
  }
  out.jsTrivialP50 = percentile(jsLatencies, 50);
  console.log(
    `JavaScript trivial run end to end (fresh isolate):   ${summary(jsLatencies)}  (Python: p50 ${out.trivialP50.toFixed(1)} ms)`,
  );
  {
    const total = quick ? 200 : 1000;
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          next++;
          await jsRun("return 1 + 1");
        }
      }),
    );
    out.jsRunsPerSecond = total / ((performance.now() - t) / 1000);
    console.log(
      `JavaScript sustained runs/s at concurrency 8:        ${out.jsRunsPerSecond.toFixed(0)} runs/s (Python: ${out.runsPerSecond8.toFixed(1)})`,
    );
  }

  // 4. CPU script: sandbox vs plain Pyodide in Node, interleaved (this machine's speed swings)
  const timed = `import time\nt = time.perf_counter()\n${CPU_SCRIPT}\n(time.perf_counter() - t) * 1000`;
  const plain = await loadPyodide();
  const sandboxCpu = [];
  const plainCpu = [];
  for (let i = 0; i < 7; i++) {
    sandboxCpu.push((await run(timed)).result);
    plainCpu.push(plain.runPython(timed));
  }
  const sb = Math.min(...sandboxCpu);
  const pl = Math.min(...plainCpu);
  out.cpuRatio = sb / pl;
  console.log(
    `CPU script ${CPU_SCRIPT}: sandbox best ${sb.toFixed(1)} ms, plain loadPyodide() best ${pl.toFixed(1)} ms, ratio ${(sb / pl).toFixed(2)}x  ${goal(sb / pl, "<=", 1.1, "x")}`,
  );

  // 5. RSS per idle sandbox process (all its spares booted), and what one idle spare adds
  console.log(`hardening: ${pool.hardening.summary}`);
  await pool.close();
  const idleRss = async (spares) => {
    const one = await SandboxPool.start({ size: 1, sparesPerProcess: spares });
    try {
      while (one.stats().sparesReady < spares) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 500));
      const [pid] = one.pids();
      return (Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * 4096) / 1048576;
    } finally {
      await one.close();
    }
  };
  const rss1 = await idleRss(1);
  const rss2 = await idleRss(2);
  const rss4 = await idleRss(4);
  out.idleRssMb = rss2;
  console.log(
    `RSS per idle sandbox process (2 spares, the default): ${rss2.toFixed(0)} MiB  ${goal(rss2, "<=", 300, "MiB")}; with 1 spare ${rss1.toFixed(0)} MiB, with 4 ${rss4.toFixed(0)} MiB: ${((rss4 - rss1) / 3).toFixed(0)} MiB per idle spare`,
  );
  return out;
}

/** Median of each boot phase over the profiled boots (wall, CPU of the whole process, page faults). */
function printBootPhases(boots) {
  const phases = boots[0]?.phases.map((p) => p.phase) ?? [];
  console.log("  boot phases (median of 10 profiled boots)         wall ms   CPU ms   page faults");
  for (const [i, phase] of phases.entries()) {
    const of = (key) =>
      percentile(
        boots.map((b) => b.phases[i]?.[key] ?? 0),
        50,
      );
    console.log(
      `    ${phase.padEnd(46)} ${of("wallMs").toFixed(1).padStart(7)} ${of("cpuMs").toFixed(1).padStart(8)} ${String(of("pageFaults")).padStart(11)}`,
    );
  }
  const total = (key) =>
    percentile(
      boots.map((b) => b.phases.reduce((sum, p) => sum + p[key], 0)),
      50,
    );
  console.log(
    `    ${"total (profiled)".padEnd(46)} ${total("wallMs").toFixed(1).padStart(7)} ${total("cpuMs").toFixed(1).padStart(8)} ${String(total("pageFaults")).padStart(11)}`,
  );
}
