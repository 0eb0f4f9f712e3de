/**
 * `@runscript/sandbox/build`: image-build and benchmark helpers that boot sandboxes in the calling
 * process (they load isolated-vm). Never imported by the server: its entry is `@runscript/sandbox`.
 */

export { type MeasuredBoot, measureBoots } from "./worker/boot-benchmark.worker.js";
export type { BootPhase } from "./worker/boot-profile.worker.js";
export { bootedLink, makeSnapshot } from "./worker/snapshot.worker.js";
