/**
 * Image build step: boots Pyodide inside an isolate without a snapshot, runs the warm-up imports and
 * returns the memory snapshot every sandbox will boot from. Called by `sandbox-images/build.mjs`.
 */
import { loadImageFiles } from "./image.js";
import { IsolateSandbox, SharedImage } from "./isolate-sandbox.js";

/** Makes the memory snapshot for the image being built in `imageDir`. */
export async function makeSnapshot(imageDir: string, warmup: string): Promise<Uint8Array> {
  const image = new SharedImage(loadImageFiles(imageDir, { requireSnapshot: false }));
  return IsolateSandbox.makeSnapshot(image, warmup);
}
