/**
 * Builds the CDK app: reads the settings from context and adds the runscript stack. Shared by
 * `bin/runscript.ts` (what `cdk synth`/`cdk deploy` run) and the tests.
 */
import { App, type AppProps } from "aws-cdk-lib";
import { readSettings } from "./context.ts";
import { RunscriptStack } from "./runscript-stack.ts";

/** The app and its stack. */
export interface RunscriptApp {
  readonly app: App;
  readonly stack: RunscriptStack;
}

/**
 * Creates the app with the runscript stack.
 *
 * @param props - App properties; `context` here overrides `cdk.json` (tests pass settings this way).
 * @throws {InfraContextError} for an invalid context value.
 * @example
 * ```ts
 * const { stack } = createRunscriptApp({ context: { egress: "endpoints" } });
 * ```
 */
export function createRunscriptApp(props: AppProps = {}): RunscriptApp {
  const app = new App(props);
  const settings = readSettings(app.node);
  const env =
    settings.account !== undefined || settings.region !== undefined
      ? { account: settings.account, region: settings.region }
      : undefined;
  const stack = new RunscriptStack(app, settings.stackName, {
    settings,
    env,
    description: "runscript: hardened run_script service for AI agents on AWS (ECS Fargate)",
  });
  return { app, stack };
}
