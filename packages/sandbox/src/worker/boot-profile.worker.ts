/**
 * Per-phase profile of one sandbox boot (runs inside the sandbox process or the benchmark): wall
 * time, CPU time and minor page faults of the whole process between consecutive marks. Phases inside
 * the isolate are marked by the prelude and the patched glue through a host callback, so a profiled
 * boot pays a few cross-thread calls; an unprofiled boot pays nothing.
 *
 * CPU time and page faults are the process's (every thread): a boot is the only work of the process
 * while it is profiled, so they are the boot's.
 */

/** One phase of a boot. */
export interface BootPhase {
  readonly phase: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Minor page faults: first touches of fresh memory pages (~10 µs each on these VMs). */
  readonly pageFaults: number;
}

interface Sample {
  wall: number;
  cpu: number;
  faults: number;
}

function sample(): Sample {
  const usage = process.resourceUsage();
  return {
    wall: performance.now(),
    cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    faults: usage.minorPageFault,
  };
}

export class BootProfiler {
  #last: Sample = sample();
  readonly #phases: BootPhase[] = [];

  /** Ends the current phase under `phase` and starts the next. */
  mark(phase: string): void {
    const now = sample();
    this.#phases.push({
      phase,
      wallMs: now.wall - this.#last.wall,
      cpuMs: now.cpu - this.#last.cpu,
      pageFaults: now.faults - this.#last.faults,
    });
    this.#last = now;
  }

  get phases(): readonly BootPhase[] {
    return this.#phases;
  }
}
