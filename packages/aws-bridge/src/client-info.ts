/**
 * Answers `aws.client`: what `boto3.client(name)` knows about its service — boto3 method names,
 * paginators, waiter names and modeled errors (shape name -> wire code, so
 * `client.exceptions.NoSuchEntityException` catches code `NoSuchEntity`), all from botocore's data
 * for the operations the installed SDK package can call.
 */
import type { ServiceModule } from "./operations.js";
import { paginatorMethods } from "./paginators.js";
import type { ClientInfo } from "./protocol.js";
import { waiterNames } from "./waiters.js";
import { xformName } from "./xform-name.js";

/** The `aws.client` answer for a loaded service and the region its client uses. */
export function clientInfo(mod: ServiceModule, region: string): ClientInfo {
  const operations: Record<string, string> = {};
  const data = mod.botocore;
  for (const api of [...mod.commands.keys()].sort()) {
    const method = data?.operations[api]?.[0] ?? xformName(api);
    operations[method] = api;
  }
  return {
    service: mod.service.name,
    serviceId: mod.service.serviceId,
    signingName: mod.service.signingName,
    apiVersion: mod.service.apiVersion,
    operations,
    paginators: paginatorMethods(mod),
    waiters: waiterNames(mod),
    errors: { ...(data?.errors ?? {}) },
    region,
  };
}
