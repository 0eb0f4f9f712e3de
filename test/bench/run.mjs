#!/usr/bin/env node
/** `npm run bench`: every benchmark, figures and ratios measured in this one run. */
import { benchAudit } from "./audit.mjs";
import { benchMcpStdio } from "./mcp-stdio.mjs";
import { benchSandbox } from "./sandbox.mjs";
import { benchThreads } from "./threads.mjs";
import { benchValidation } from "./validation.mjs";

console.log(`runscript benchmarks on ${process.version}, ${(await import("node:os")).cpus().length} cores\n`);
console.log("== sandbox core ==");
await benchSandbox();
await benchMcpStdio({ quick: process.argv.includes("--quick") });
console.log("\n== AWS bridge ==");
await benchAudit({ quick: process.argv.includes("--quick") });
console.log("\n== threads in one Python run ==");
await benchThreads({ quick: process.argv.includes("--quick") });
console.log("\n== parameter validation ==");
benchValidation();
process.exit(0);
