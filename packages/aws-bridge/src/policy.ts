/**
 * Per-principal policy on `iamPrefix:Operation`, checked on the host before anything reaches AWS.
 *
 * Evaluation, in order (the first rule that decides wins):
 * 1. a `deny` pattern matches → denied (deny always wins);
 * 2. the operation is credential-issuing (`CREDENTIAL_OPERATIONS`) and no
 *    `allowCredentialOperations` pattern matches → denied;
 * 3. the principal is read-only and the operation is not a read (`isReadOperation`) → denied;
 * 4. `allow` is non-empty and no `allow` pattern matches → denied;
 * 5. otherwise allowed. The default (empty `allow`, not read-only) is therefore: everything not
 *    denied by rules 1–2 is allowed, and AWS IAM (the role's permissions) is the real boundary.
 *
 * Patterns match the canonical SDK operation name, which for a few operations differs from the IAM
 * action AWS authorizes (S3 `HeadObject` is authorized as `s3:GetObject`); write patterns for the
 * operation names scripts call.
 */
import type { PrincipalConfig } from "./config.js";
import { AwsBridgeError } from "./errors.js";
import { CREDENTIAL_OPERATIONS, isReadOperation, SENSITIVE_READS } from "./operation-class.js";

/** A compiled `prefix:Operation` glob, case-insensitive. */
export class PolicyPattern {
  readonly source: string;
  readonly #re: RegExp;

  constructor(pattern: string) {
    this.source = pattern;
    const full = pattern === "*" ? "*:*" : pattern;
    const body = full
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^:]*");
    this.#re = new RegExp(`^${body}$`, "i");
  }

  /** True if `action` (`prefix:Operation`) matches. */
  matches(action: string): boolean {
    return this.#re.test(action);
  }
}

/** The outcome of a policy check. */
export type PolicyDecision = { allowed: true } | { allowed: false; reason: string };

const CREDENTIAL_PATTERNS = CREDENTIAL_OPERATIONS.map((p) => new PolicyPattern(p));

/** A principal's compiled policy. */
export class Policy {
  readonly #principal: string;
  readonly #readOnly: boolean;
  readonly #allow: PolicyPattern[];
  readonly #deny: PolicyPattern[];
  readonly #allowCredential: PolicyPattern[];
  readonly #allowSensitive: PolicyPattern[];

  constructor(principal: PrincipalConfig) {
    this.#principal = principal.name;
    this.#readOnly = principal.readOnly;
    this.#allow = principal.allow.map((p) => new PolicyPattern(p));
    this.#deny = principal.deny.map((p) => new PolicyPattern(p));
    this.#allowCredential = principal.allowCredentialOperations.map((p) => new PolicyPattern(p));
    this.#allowSensitive = principal.allowSensitiveReads.map((p) => new PolicyPattern(p));
  }

  /** Decides whether the principal may call `iamPrefix:operation` (canonical operation name). */
  decide(iamPrefix: string, operation: string): PolicyDecision {
    const action = `${iamPrefix}:${operation}`;
    const denied = this.#deny.find((p) => p.matches(action));
    if (denied) return { allowed: false, reason: `it matches the deny pattern '${denied.source}'` };
    if (
      CREDENTIAL_PATTERNS.some((p) => p.matches(action)) &&
      !this.#allowCredential.some((p) => p.matches(action))
    ) {
      return {
        allowed: false,
        reason: "it issues credentials (an operator may allow it with allowCredentialOperations)",
      };
    }
    if (this.#readOnly && !isReadOperation(iamPrefix, operation) && !this.#sensitiveAllowed(action)) {
      return { allowed: false, reason: "the principal is read-only and this operation is not a read" };
    }
    if (this.#allow.length > 0 && !this.#allow.some((p) => p.matches(action))) {
      return { allowed: false, reason: "no allow pattern matches it" };
    }
    return { allowed: true };
  }

  #sensitiveAllowed(action: string): boolean {
    const lower = action.toLowerCase();
    return (
      SENSITIVE_READS.some((s) => s.toLowerCase() === lower) &&
      !CREDENTIAL_PATTERNS.some((p) => p.matches(action)) &&
      this.#allowSensitive.some((p) => p.matches(action))
    );
  }

  /** Like `decide`, but throws `AccessDeniedByPolicy` when denied. */
  check(iamPrefix: string, operation: string): void {
    const decision = this.decide(iamPrefix, operation);
    if (!decision.allowed) {
      throw new AwsBridgeError(
        "AccessDeniedByPolicy",
        `Principal '${this.#principal}' may not call ${iamPrefix}:${operation}: ${decision.reason}.`,
      );
    }
  }
}
