#!/usr/bin/env node
import { buildIndex } from "../dist/build/index.js";
// Builds the AWS API documentation index into dist/data (skipped when the SDK packages are unchanged).
// Usage: node packages/aws-docs/scripts/build-index.mjs [--force]
import { catalogServices } from "../dist/catalog.js";
import { DEFAULT_DATA_DIR } from "../dist/docs-index.js";

const { manifest, rebuilt } = await buildIndex({
  services: catalogServices(),
  outDir: DEFAULT_DATA_DIR,
  force: process.argv.includes("--force"),
});
if (rebuilt) {
  const mib = (manifest.totalBytes / 1048576).toFixed(1);
  console.log(
    `aws-docs: indexed ${manifest.operations} operations of ${manifest.services.length} services in ${manifest.buildMs} ms (${mib} MiB, search index ${(manifest.searchIndexBytes / 1048576).toFixed(1)} MiB)`,
  );
}
