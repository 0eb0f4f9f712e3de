/**
 * CDK app entry (`cdk.json`: `node bin/runscript.ts`; Node 24 strips the types, no build step).
 * Settings come from context: see lib/context.ts and docs/deploy.md.
 */
import { createRunscriptApp } from "../lib/app.ts";

const { app } = createRunscriptApp();
app.synth();
