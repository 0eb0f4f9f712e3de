#!/usr/bin/env node
/** `npm run bench`: every benchmark, figures and ratios measured in this one run. */
import { benchSandbox } from "./sandbox.mjs";

console.log(`runscript benchmarks on ${process.version}, ${(await import("node:os")).cpus().length} cores\n`);
console.log("== sandbox core ==");
await benchSandbox();
process.exit(0);
