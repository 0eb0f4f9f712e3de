/**
 * Benchmark helper: boots fresh sandboxes in this process (no sandbox process around them) and
 * reports how long each boot took, and where the time went. Used by `npm run bench` through
 * `@runscript/sandbox/build`; not part of serving.
 */
import { defaultImageDir, loadImageFiles } from "../shared/image.js";
import { type BootPhase, BootProfiler } from "./boot-profile.worker.js";
import type { SandboxHostHooks } from "./isolate-host.worker.js";
import { PythonSandbox } from "./python-sandbox.worker.js";
import { SharedImage } from "./shared-image.worker.js";

/** One boot: its total and its phases. */
export interface MeasuredBoot {
  readonly ms: number;
  readonly phases: readonly BootPhase[];
}

/**
 * Boots `count` sandboxes one after another (disposing each, as the sandbox process does after a
 * run). With `profile`, each boot's phases are marked (a few cross-thread calls per boot).
 */
export async function measureBoots(
  count: number,
  options: { imageDir?: string; profile?: boolean } = {},
): Promise<MeasuredBoot[]> {
  const image = new SharedImage(
    loadImageFiles(options.imageDir ?? defaultImageDir(), { requireSnapshot: true }),
  );
  const boots: MeasuredBoot[] = [];
  for (let i = 0; i < count; i++) {
    const profiler = options.profile ? new BootProfiler() : undefined;
    const started = performance.now();
    const sandbox = await PythonSandbox.boot(image, profiler);
    const ms = performance.now() - started;
    boots.push({ ms, phases: profiler?.phases ?? [] });
    await sandbox.run(
      "None",
      { limits: BENCH_LIMITS, interruptBuffer: new SharedArrayBuffer(4), defaultRegion: null },
      noHostCalls,
    );
    sandbox.dispose();
  }
  return boots;
}

const BENCH_LIMITS = { memoryBytes: 256 * 1024 * 1024, maxOutputBytes: 1 << 20, maxResultBytes: 1 << 20 };
const noHostCalls: SandboxHostHooks = {
  maxHostCallChars: 0,
  hostCall: async () => ({ failure: { code: "NO_HANDLER", message: "no host calls in the boot benchmark" } }),
  output: () => {},
};
