/**
 * URL-valued parameters: the script never chooses where the host sends a signed request.
 *
 * Every top-level parameter named `*Url`, `*URL` or `Endpoint` whose value is a URL must have the
 * same origin (scheme, host, port) as the endpoint the bridge resolved for the service and region,
 * else `InvalidParameterValue`. SQS `QueueUrl` must always be such a URL (the SDK would otherwise
 * route the signed request to it; the bridge also turns that SDK behaviour off).
 *
 * Exempt are parameters that are data for AWS, which the SDK never connects to: CloudFormation
 * template/stack-policy URLs, the SNS subscription `Endpoint`, the IAM OIDC provider `Url`. Only
 * top-level parameters are checked: the SDK routes requests on top-level members only.
 */
import { AwsBridgeError } from "./errors.js";

const URL_PARAM = /(Url|URL)$|^Endpoint$/;

const EXEMPT: ReadonlySet<string> = new Set([
  "cloudformation:TemplateURL",
  "cloudformation:StackPolicyURL",
  "cloudformation:StackPolicyDuringUpdateURL",
  "sns:Endpoint",
  "iam:Url",
]);

const STRICT: ReadonlySet<string> = new Set(["sqs:QueueUrl"]);

/** True if any top-level parameter needs the endpoint check (so the caller resolves the endpoint). */
export function hasUrlParams(service: string, params: Record<string, unknown>): boolean {
  return Object.keys(params).some((k) => URL_PARAM.test(k) && !EXEMPT.has(`${service}:${k}`));
}

/** Checks URL-valued parameters against `endpoint` (the resolved endpoint for service + region). */
export function checkUrlParams(service: string, params: Record<string, unknown>, endpoint: URL): void {
  for (const [key, value] of Object.entries(params)) {
    if (!URL_PARAM.test(key) || EXEMPT.has(`${service}:${key}`)) continue;
    const strict = STRICT.has(`${service}:${key}`);
    if (typeof value !== "string") {
      throw new AwsBridgeError("InvalidParameterValue", `Invalid parameter ${key}: it must be a string`);
    }
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (!url) {
      if (strict) {
        throw new AwsBridgeError("InvalidParameterValue", `Invalid parameter ${key}: it must be a URL`);
      }
      continue;
    }
    if (url.origin !== endpoint.origin || url.username !== "" || url.password !== "") {
      throw new AwsBridgeError(
        "InvalidParameterValue",
        `Invalid parameter ${key}: it must be a URL on ${endpoint.origin}, the ${service} endpoint of this region`,
      );
    }
  }
}
