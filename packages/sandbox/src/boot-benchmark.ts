/**
 * Benchmark helper: boots fresh sandboxes in this process (no sandbox process around them) and
 * reports how long each boot took. Used by `npm run bench`; not part of serving.
 */
import { defaultImageDir, loadImageFiles } from "./image.js";
import { IsolateSandbox, SharedImage } from "./isolate-sandbox.js";

/** Boots `count` sandboxes one after another (disposing each) and returns each boot's milliseconds. */
export async function measureBoots(count: number, imageDir = defaultImageDir()): Promise<number[]> {
  const image = new SharedImage(loadImageFiles(imageDir, { requireSnapshot: true }));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const sandbox = await IsolateSandbox.boot(image);
    times.push(performance.now() - started);
    sandbox.dispose();
  }
  return times;
}
