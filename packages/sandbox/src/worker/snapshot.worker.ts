/**
 * Image build steps: boots Pyodide inside an isolate without a snapshot, runs the warm-up imports and
 * returns the memory snapshot every sandbox will boot from, with the function-table layout that boot
 * produced (replayed by every later boot). Called by `sandbox-images/build.mjs` through
 * `@runscript/sandbox/build`; runs in the build's own process, never in the server.
 */
import { loadImageFiles } from "../shared/image.js";
import { PythonSandbox } from "./python-sandbox.worker.js";
import { SharedImage } from "./shared-image.worker.js";

/**
 * Makes the memory snapshot for the image being built in `imageDir`, and records the table layout.
 * `memoryPages`: the initial size of the module's (imported) memory.
 */
export async function makeSnapshot(
  imageDir: string,
  warmup: string,
  memoryPages: number,
): Promise<{ snapshot: Uint8Array; link: string }> {
  const image = new SharedImage(loadImageFiles(imageDir, { requireSnapshot: false }), {
    buildMemoryPages: memoryPages,
  });
  return PythonSandbox.makeSnapshot(image, warmup);
}

/**
 * Image build check: boots a sandbox from the finished image and returns its link (JSON: the `name`
 * of each function-table slot and of each lazily resolved export), to compare with what the standard
 * boot recorded.
 */
export async function bootedLink(imageDir: string): Promise<string> {
  const image = new SharedImage(loadImageFiles(imageDir, { requireSnapshot: true }));
  const sandbox = await PythonSandbox.boot(image);
  try {
    return await sandbox.bootedLink();
  } finally {
    sandbox.dispose();
  }
}
