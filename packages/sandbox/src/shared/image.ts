/**
 * The Python sandbox image: the files `sandbox-images/build.mjs` produced, checked against their
 * manifest and loaded once per sandbox process. Everything in it is read-only and shared by every
 * sandbox the process boots (compiled wasm module, snapshot bytes, stdlib); nothing else is.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SandboxError } from "./errors.js";

const FileEntrySchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() });
export const ImageManifestSchema = z.object({
  format: z.literal(2),
  pyodideVersion: z.string(),
  files: z.object({
    "glue.js": FileEntrySchema,
    "loader.js": FileEntrySchema,
    "prelude.js": FileEntrySchema,
    "js-runtime.js": FileEntrySchema,
    "jsv-error.wasm": FileEntrySchema,
    "pyodide.asm.wasm": FileEntrySchema,
    "python_stdlib.zip": FileEntrySchema,
    "pyodide-lock.json": FileEntrySchema,
    "python-files.json": FileEntrySchema,
    "snapshot.bin": FileEntrySchema.optional(),
    "link-plan.json": FileEntrySchema.optional(),
    "js-slots.wasm": FileEntrySchema.optional(),
    "lazy-exports.bin": FileEntrySchema.optional(),
  }),
});
export type ImageManifest = z.infer<typeof ImageManifestSchema>;

/** The default image directory: `sandbox-images/build` of this checkout. */
export function defaultImageDir(): string {
  return resolve(fileURLToPath(new URL("../../../../sandbox-images/build", import.meta.url)));
}

/** Sources and bytes of the image, as the sandbox process holds them. */
export interface SandboxImageFiles {
  readonly dir: string;
  readonly glue: string;
  readonly loader: string;
  readonly prelude: string;
  readonly jsRuntime: string;
  readonly jsvError: Uint8Array;
  readonly wasm: Uint8Array;
  readonly stdlib: Uint8Array;
  readonly lockfile: string;
  readonly pythonFiles: string;
  /** Absent only while the image itself is being built. */
  readonly snapshot: Uint8Array | null;
  /** The recorded function-table layout (JSON); absent only while the image is being built. */
  readonly linkPlan: string | null;
  /** The module that fills the table's JavaScript slots; absent only while the image is being built. */
  readonly jsSlots: Uint8Array | null;
  /** The exports resolved on first use (names and table slots); absent only while building. */
  readonly lazyExports: Uint8Array | null;
}

/**
 * Reads and verifies the image. Throws `IMAGE_MISSING` when it was never built and `IMAGE_CORRUPT`
 * when a file does not match its manifest.
 */
export function loadImageFiles(dir: string, options: { requireSnapshot: boolean }): SandboxImageFiles {
  const manifestPath = join(dir, "manifest.json");
  if (options.requireSnapshot && !existsSync(manifestPath)) {
    throw new SandboxError(
      "IMAGE_MISSING",
      `the sandbox image is not built (no ${manifestPath}); run \`npm run build\` first`,
    );
  }
  const manifest: ImageManifest | null = options.requireSnapshot ? parseManifest(manifestPath) : null;
  const read = (name: keyof ImageManifest["files"]): Buffer => {
    const bytes = readFileSync(join(dir, name));
    const entry = manifest?.files[name];
    if (manifest && !entry) throw new SandboxError("IMAGE_CORRUPT", `image manifest lists no ${name}`);
    if (entry && createHash("sha256").update(bytes).digest("hex") !== entry.sha256) {
      throw new SandboxError(
        "IMAGE_CORRUPT",
        `sandbox image file ${name} does not match its manifest; rebuild with \`npm run build\``,
      );
    }
    return bytes;
  };
  return {
    dir,
    glue: read("glue.js").toString("utf8"),
    loader: read("loader.js").toString("utf8"),
    prelude: read("prelude.js").toString("utf8"),
    jsRuntime: read("js-runtime.js").toString("utf8"),
    jsvError: read("jsv-error.wasm"),
    wasm: read("pyodide.asm.wasm"),
    stdlib: read("python_stdlib.zip"),
    lockfile: read("pyodide-lock.json").toString("utf8"),
    pythonFiles: read("python-files.json").toString("utf8"),
    snapshot: options.requireSnapshot ? read("snapshot.bin") : null,
    linkPlan: options.requireSnapshot ? read("link-plan.json").toString("utf8") : null,
    jsSlots: options.requireSnapshot ? read("js-slots.wasm") : null,
    lazyExports: options.requireSnapshot ? read("lazy-exports.bin") : null,
  };
}

function parseManifest(path: string): ImageManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new SandboxError("IMAGE_CORRUPT", `cannot read ${path}; rebuild with \`npm run build\``, { cause });
  }
  const parsed = ImageManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SandboxError("IMAGE_CORRUPT", `${path} is not a valid image manifest: ${parsed.error.message}`);
  }
  return parsed.data;
}
