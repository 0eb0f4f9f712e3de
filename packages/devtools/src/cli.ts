/**
 * `@runscript/devtools/cli`: what the `runscript` CLI loads on demand (`demo`, `fuzz`, `loadtest`,
 * `run --local-aws`, `serve --local-aws`). Typed against the CLI's own `Devtools` interface, so the
 * two agree at compile time.
 */
import { startLocalAws } from "@runscript/aws-local";
import type { Devtools } from "runscript/devtools";
import * as demo from "./commands/demo.js";
import * as fuzz from "./commands/fuzz.js";
import * as loadtest from "./commands/loadtest.js";
import { startLocalStack } from "./local-stack.js";

export const devtools: Devtools = {
  commands: { demo, fuzz, loadtest },
  startLocalStack,
  startLocalAws,
};
