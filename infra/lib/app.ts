/**
 * Builds the CDK app: reads the settings from context and adds the runscript stack. Shared by
 * `bin/runscript.ts` (what `cdk synth`/`cdk deploy` run) and the tests.
 */
import { App, type AppProps } from "aws-cdk-lib";
import { addComplianceChecks } from "./compliance-checks.ts";
import { readSettings } from "./context.ts";
import { RunscriptStack } from "./runscript-stack.ts";

/**
 * The CDK feature flags the stack is written for. They live here rather than in `cdk.json` so the
 * tests synthesize exactly what `cdk synth` does (`cdk.json` is read only by the CLI).
 */
export const FEATURE_FLAGS: Readonly<Record<string, boolean>> = {
  "@aws-cdk/core:checkSecretUsage": true,
  "@aws-cdk/aws-iam:minimizePolicies": true,
  "@aws-cdk/aws-ecs:arnFormatIncludesClusterName": true,
  "@aws-cdk/aws-ecs:disableExplicitDeploymentControllerForCircuitBreaker": true,
  "@aws-cdk/aws-ecs:removeDefaultDeploymentAlarm": true,
  "@aws-cdk/aws-ec2:restrictDefaultSecurityGroup": true,
  "@aws-cdk/aws-dynamodb:resourcePolicyPerReplica": true,
  // S3 server access logs are granted by bucket policy, so the target bucket can keep ACLs disabled.
  "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true,
};

/** The app and its stack. */
export interface RunscriptApp {
  readonly app: App;
  readonly stack: RunscriptStack;
}

/**
 * Creates the app with the runscript stack, and (unless context `complianceChecks` is false) cdk-nag's
 * AWS Solutions checks, which run at synth and stop it on an unacknowledged error.
 *
 * @param props - App properties; `context` here overrides `cdk.json` (tests pass settings this way).
 * @throws {InfraContextError} for an invalid context value.
 * @example
 * ```ts
 * const { stack } = createRunscriptApp({ context: { egress: "endpoints" } });
 * ```
 */
export function createRunscriptApp(props: AppProps = {}): RunscriptApp {
  const app = new App({ ...props, context: { ...FEATURE_FLAGS, ...props.context } });
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
  if (settings.complianceChecks) addComplianceChecks(app);
  return { app, stack };
}
