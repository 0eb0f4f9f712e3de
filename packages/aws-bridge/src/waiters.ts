/**
 * Answers `aws.waiter`: botocore's waiter config (`waiters-2.json`, generated into
 * `data/botocore/`) for a waiter named as boto3 names it (`bucket_exists`) or as the model does
 * (`BucketExists`). The sandbox runs the polling loop with botocore's semantics.
 */
import { AwsBridgeError } from "./errors.js";
import type { ServiceModule } from "./operations.js";

/** `client.waiter_names`: boto3 waiter names of a service, sorted. */
export function waiterNames(mod: ServiceModule): string[] {
  return Object.values(mod.botocore?.waiterNames ?? {}).sort();
}

/**
 * botocore's config for a waiter (`operation`, `delay`, `maxAttempts`, `acceptors`), plus `name`:
 * the model's name for it (`DBInstanceAvailable`), which boto3 shows as `Waiter.name` and in
 * `WaiterError` messages. Throws `UnknownWaiter` with botocore's message when there is no such waiter.
 */
export function waiterConfig(mod: ServiceModule, name: string): Readonly<Record<string, unknown>> {
  const data = mod.botocore;
  if (data) {
    for (const [model, config] of Object.entries(data.waiters)) {
      if (model === name || data.waiterNames[model] === name) return { name: model, ...config };
    }
  }
  throw new AwsBridgeError("UnknownWaiter", `Waiter does not exist: ${name}`);
}
