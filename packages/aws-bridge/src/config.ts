/**
 * The bridge's configuration: one zod schema per concept, each the single source of truth for its
 * type, with every limit's default and maximum in one place.
 */
import { z } from "zod";
import { resolveService } from "./catalog.js";
import { MAX_BRIDGE_REQUEST_BYTES } from "./protocol.js";
import { isKnownRegion } from "./regions.js";

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * A policy pattern: `iamPrefix:Operation` with `*` globs, matched case-insensitively against the
 * canonical operation (`s3:Get*`, `ec2:Describe*`, `iam:*`, `*:List*`), or `*` for everything.
 */
export const PolicyPatternSchema = z
  .string()
  .max(256)
  .regex(/^(\*|[A-Za-z0-9*-]+:[A-Za-z0-9*]+)$/, "a pattern is 'prefix:Operation' with * globs, or '*'");

/** An AWS region name from the bridge's region list. */
export const RegionSchema = z.string().refine(isKnownRegion, "not an AWS region name");

/**
 * Who a run acts as. The agent name is `name`; it becomes the STS session name, source identity and
 * the `runscript:agent` session tag.
 */
export const PrincipalConfigSchema = z.strictObject({
  /** The agent's name (audit logs, STS session name and source identity after sanitizing). */
  name: z.string().min(1).max(128),
  /**
   * Role to assume for this principal. Without it, calls use the host's base credentials (the
   * default provider chain) directly: the principal then has everything the host has, minus what the
   * bridge's own policy refuses.
   */
  roleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "an IAM role ARN")
    .optional(),
  /** External ID the role's trust policy requires, if any. */
  externalId: z
    .string()
    .regex(/^[\w+=,.@:/-]{2,1224}$/)
    .optional(),
  /**
   * Read-only principals may call only operations classified as reads (see `operation-class.ts`),
   * and their assumed-role session carries a session policy that allows only read actions, so AWS
   * enforces the same intersection even if the bridge had a bug.
   */
  readOnly: z.boolean().default(false),
  /** Operations allowed; empty means everything not denied (and, if read-only, every read). */
  allow: z.array(PolicyPatternSchema).max(256).default([]),
  /** Operations denied; deny wins over allow. */
  deny: z.array(PolicyPatternSchema).max(256).default([]),
  /**
   * Credential-issuing operations (`sts:GetSessionToken`, `iam:CreateAccessKey`, ...) are denied
   * unless listed here; listing one does not bypass `deny`, `allow` or read-only mode.
   */
  allowCredentialOperations: z.array(PolicyPatternSchema).max(64).default([]),
  /**
   * Secret-carrying reads (`SENSITIVE_READS`: `lambda:GetFunction`, `ec2:GetPasswordData`, ...)
   * that this read-only principal may still call (default none). They are also left out of the
   * read-only session policy's deny statement.
   */
  allowSensitiveReads: z.array(PolicyPatternSchema).max(64).default([]),
  /** AssumeRole session duration; the role's maximum session duration must allow it. */
  sessionDurationSeconds: z.number().int().min(900).max(43_200).default(3600),
});
export type PrincipalConfig = z.infer<typeof PrincipalConfigSchema>;
export type PrincipalConfigInput = z.input<typeof PrincipalConfigSchema>;

/** Budgets for one run. */
export const RunBudgetSchema = z.strictObject({
  /** AWS calls a run may make (each `aws.call`, including denied ones). Past it: `CallBudgetExceeded`. */
  maxCalls: z.number().int().min(1).max(100_000),
  /** Calls of one run in flight at once; further calls wait in order (they do not fail). */
  maxConcurrentCalls: z.number().int().min(1).max(256),
  /** Largest request JSON, in UTF-8 bytes, checked before parsing. Past it: `RequestTooLarge`. */
  maxRequestBytes: z.number().int().min(KiB).max(MAX_BRIDGE_REQUEST_BYTES),
  /**
   * Largest answer JSON, in UTF-8 bytes (bytes travel as base64, so a body can be about 3/4 of it).
   * Streaming bodies are read only until they cannot fit. Past it: `ResponseTooLarge`.
   */
  maxResponseBytes: z
    .number()
    .int()
    .min(KiB)
    .max(64 * MiB),
});
export type RunBudget = z.infer<typeof RunBudgetSchema>;

/** Built-in run budget defaults: 1000 calls, 16 concurrent, 1 MiB requests, 6 MiB answers. */
export const DEFAULT_RUN_BUDGET: RunBudget = {
  maxCalls: 1000,
  maxConcurrentCalls: 16,
  maxRequestBytes: 1 * MiB,
  maxResponseBytes: 6 * MiB,
};

/** Built-in maxima a run may ask for. */
export const DEFAULT_MAX_RUN_BUDGET: RunBudget = {
  maxCalls: 10_000,
  maxConcurrentCalls: 64,
  maxRequestBytes: MAX_BRIDGE_REQUEST_BYTES,
  maxResponseBytes: 32 * MiB,
};

/** A token bucket: `perSecond` sustained, up to `burst` at once. */
export const RateLimitSchema = z.strictObject({
  perSecond: z.number().positive().max(10_000),
  burst: z.number().int().min(1).max(10_000),
});
export type RateLimit = z.infer<typeof RateLimitSchema>;

/**
 * Default per-operation rate limits for operations with low AWS quotas (per principal and region,
 * shared by all runs of this bridge): CloudTrail LookupEvents (2/s) and CloudWatch Logs
 * FilterLogEvents (5/s).
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  "cloudtrail:LookupEvents": { perSecond: 2, burst: 2 },
  "logs:FilterLogEvents": { perSecond: 5, burst: 5 },
};

const endpointUrl = z.url({ protocol: /^https?$/ });

/** The bridge's configuration (operator-only; nothing here comes from a script). */
export const AwsBridgeConfigSchema = z
  .strictObject({
    /** Region used when a script names none. */
    defaultRegion: RegionSchema.default("us-east-1"),
    /**
     * One endpoint for every service (a local emulator such as moto or LocalStack):
     * `endpoint: "http://127.0.0.1:5000"`. Per-service `endpoints` win over it. Without either, the
     * SDK's standard variables apply: `AWS_ENDPOINT_URL_<SERVICE_ID>` (e.g. `AWS_ENDPOINT_URL_S3`,
     * `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`), then `AWS_ENDPOINT_URL`.
     */
    endpoint: endpointUrl.optional(),
    /**
     * Endpoint overrides per service (e.g. local test endpoints): `{ s3: "http://127.0.0.1:4566" }`.
     * Keys are boto3 service names (or SDK package suffixes) of installed services.
     */
    endpoints: z.record(z.string(), endpointUrl).default({}),
    /** S3 path-style addressing (needed by most local S3 endpoints). */
    forcePathStyle: z.boolean().default(false),
    /** Attempts per call including the first (SDK retry strategy, with backoff on throttling). */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** SDK retry mode: `standard` (exponential backoff) or `adaptive` (adds client-side rate limiting). */
    retryMode: z.enum(["standard", "adaptive"]).default("standard"),
    /** Per-attempt socket timeout in milliseconds. */
    requestTimeoutMs: z.number().int().min(100).max(900_000).default(60_000),
    /** Run budgets: what a run gets by default, and the most it may ask for. */
    budgets: z
      .strictObject({
        defaults: RunBudgetSchema.default(DEFAULT_RUN_BUDGET),
        maxima: RunBudgetSchema.default(DEFAULT_MAX_RUN_BUDGET),
      })
      .default({ defaults: DEFAULT_RUN_BUDGET, maxima: DEFAULT_MAX_RUN_BUDGET }),
    /** Per-operation rate limits keyed `iamPrefix:Operation`; replaces the defaults when given. */
    rateLimits: z
      .record(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/), RateLimitSchema)
      .default(DEFAULT_RATE_LIMITS),
  })
  .superRefine((c, ctx) => {
    for (const key of Object.keys(c.endpoints)) {
      try {
        resolveService(key);
      } catch {
        ctx.addIssue({ code: "custom", path: ["endpoints", key], message: "not an installed service" });
      }
    }
    for (const key of Object.keys(c.budgets.defaults) as (keyof RunBudget)[]) {
      if (c.budgets.defaults[key] > c.budgets.maxima[key]) {
        ctx.addIssue({ code: "custom", path: ["budgets", "defaults", key], message: "above the maximum" });
      }
    }
  });
export type AwsBridgeConfig = z.infer<typeof AwsBridgeConfigSchema>;
export type AwsBridgeConfigInput = z.input<typeof AwsBridgeConfigSchema>;
