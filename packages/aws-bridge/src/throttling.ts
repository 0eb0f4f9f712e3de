/**
 * Whether a bridge error means "slow down": AWS's throttling codes and HTTP 429 (which includes the
 * bridge's own `CallBudgetExceeded`), by the same classification the SDK's retry strategy uses.
 */
import { isThrottlingError } from "@smithy/core/retry";
import type { BridgeError } from "./protocol.js";

/** True when `error` is a throttling answer (metrics report it as `Throttle`, not as a user error). */
export function isThrottling(error: Pick<BridgeError, "code" | "httpStatus">): boolean {
  return isThrottlingError({
    name: error.code,
    message: "",
    $metadata: error.httpStatus === null ? {} : { httpStatusCode: error.httpStatus },
  });
}
