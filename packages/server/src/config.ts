/**
 * The server's configuration: one zod schema, read from YAML or JSON. Errors name the bad key path.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { AwsBridgeConfigSchema, type PrincipalConfig, PrincipalConfigSchema } from "@runscript/aws-bridge";
import { DEFAULT_PORT, METRICS_NAMESPACE } from "@runscript/contracts";
import { LimitPolicySchema, SandboxPoolOptionsSchema } from "@runscript/sandbox";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ServerError } from "./errors.js";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 hex digest (64 lowercase hex characters)");

export const QuotaSchema = z.strictObject({
  /** Runs of this principal at once (run_script and call_aws). */
  concurrentRuns: z.number().int().min(1).max(10_000).default(4),
  /** Runs started per rolling minute. */
  runsPerMinute: z.number().int().min(1).max(1_000_000).default(120),
});

/**
 * An agent identity: the bridge's `PrincipalConfigSchema` (who it is and what it may do in AWS, with
 * the bridge's own rules for every field) extended with what only the server needs: how it
 * authenticates and its quotas.
 */
export const PrincipalSchema = PrincipalConfigSchema.extend({
  /** Stricter than the bridge's: the name also appears in logs, metrics and HTTP answers. */
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/, "letters, digits and +=,.@_- (at most 64)"),
  /**
   * Configured agents are read-only unless the operator says otherwise. (The bridge's own default,
   * for its library callers, is `false`.)
   */
  readOnly: z.boolean().default(true),
  /** SHA-256 (hex) of the bearer token; preferred over `token`. */
  tokenSha256: sha256Hex.optional(),
  /** The bearer token in clear (development only); hashed when the config is loaded. */
  token: z.string().min(16, "tokens must be at least 16 characters").optional(),
  quotas: QuotaSchema.prefault({}),
}).transform((p, ctx) => {
  const hash = p.tokenSha256 ?? (p.token ? createHash("sha256").update(p.token).digest("hex") : undefined);
  if (!hash) {
    ctx.addIssue({
      code: "custom",
      message: "set tokenSha256 (or token, for development)",
      path: ["tokenSha256"],
    });
    return z.NEVER;
  }
  const { token: _clear, tokenSha256: _hash, ...rest } = p;
  return { ...rest, tokenSha256: hash };
});
export type Principal = z.output<typeof PrincipalSchema>;

/** The bridge's view of a configured principal: the principal without what only the server needs. */
export function principalConfig(p: Principal): PrincipalConfig {
  const { tokenSha256: _token, quotas: _quotas, ...bridge } = p;
  return bridge;
}

/**
 * What the unauthenticated loopback principal `local` may do: every option of the bridge's principal
 * but its name, read-only unless the operator says otherwise.
 */
export const LocalPrincipalSchema = PrincipalConfigSchema.omit({ name: true }).extend({
  readOnly: z.boolean().default(true),
});

export const ServerConfigSchema = z
  .strictObject({
    listen: z
      .strictObject({
        host: z.string().default("127.0.0.1"),
        port: z.number().int().min(0).max(65_535).default(DEFAULT_PORT),
        /**
         * Host header values accepted on /mcp (DNS-rebinding protection). Empty: when bound to
         * loopback only localhost, 127.0.0.1 and [::1] are accepted; otherwise any host.
         */
        allowedHosts: z.array(z.string().min(1)).default([]),
      })
      .prefault({}),
    /** Principals and their bearer tokens. With none, only loopback is served, as `local`. */
    principals: z.array(PrincipalSchema).default([]),
    /** What the unauthenticated loopback principal `local` may do (used only with no principals). */
    localPrincipal: LocalPrincipalSchema.prefault({}),
    /** Which principal `runscript stdio` acts as (default: the first, or `local`). */
    stdioPrincipal: z.string().optional(),
    limits: LimitPolicySchema.prefault({}),
    pool: SandboxPoolOptionsSchema.prefault({}),
    aws: AwsBridgeConfigSchema.prefault({}),
    tasks: z
      .strictObject({
        /** A run still going after this long returns a task id at once; the agent polls get_task. */
        thresholdMs: z.number().int().min(0).max(3_600_000).default(20_000),
        /** Finished tasks are kept this long. */
        ttlMs: z
          .number()
          .int()
          .min(1_000)
          .max(7 * 86_400_000)
          .default(3_600_000),
        /**
         * Where task state lives: `memory` (one node) or `dynamodb` (shared by a fleet: a task started
         * on one node can be polled on any other; the table has partition key `pk` and TTL `expiresAt`).
         */
        store: z
          .discriminatedUnion("type", [
            z.strictObject({ type: z.literal("memory") }),
            z.strictObject({
              type: z.literal("dynamodb"),
              table: z.string().regex(/^[\w.-]{3,255}$/),
              region: z.string().default("us-east-1"),
              endpoint: z.url().optional(),
            }),
          ])
          .default({ type: "memory" }),
      })
      .prefault({}),
    metrics: z
      .strictObject({
        prometheus: z.boolean().default(true),
        cloudwatch: z
          .strictObject({
            enabled: z.boolean().default(false),
            namespace: z.string().default(METRICS_NAMESPACE),
            region: z.string().default("us-east-1"),
            /** Endpoint override (tests, local endpoints). */
            endpoint: z.url().optional(),
            flushIntervalMs: z.number().int().min(50).max(300_000).default(60_000),
          })
          .prefault({}),
      })
      .prefault({}),
    log: z
      .strictObject({
        level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
      })
      .prefault({}),
    /** On SIGTERM, running scripts get this long to finish. */
    drainTimeoutMs: z.number().int().min(0).max(3_600_000).default(30_000),
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.principals.forEach((p, i) => {
      if (names.has(p.name))
        ctx.addIssue({
          code: "custom",
          path: ["principals", i, "name"],
          message: `duplicate principal '${p.name}'`,
        });
      names.add(p.name);
    });
    if (c.stdioPrincipal && !names.has(c.stdioPrincipal)) {
      ctx.addIssue({
        code: "custom",
        path: ["stdioPrincipal"],
        message: `no principal named '${c.stdioPrincipal}'`,
      });
    }
  });
export type ServerConfig = z.output<typeof ServerConfigSchema>;
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;

/** Parses a config object; the error lists every bad key path. */
export function parseConfig(raw: unknown, source = "config"): ServerConfig {
  const parsed = ServerConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new ServerError(
      "CONFIG_INVALID",
      `${source} is not a valid runscript config:\n${lines.join("\n")}`,
    );
  }
  return parsed.data;
}

/** Reads a YAML or JSON config file. */
export function loadConfig(path: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ServerError(
      "CONFIG_UNREADABLE",
      `cannot read config ${path}: ${(cause as NodeJS.ErrnoException).code ?? cause}`,
      { cause },
    );
  }
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new ServerError(
      "CONFIG_INVALID",
      `${path} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(cause as Error).message}`,
      { cause },
    );
  }
  return parseConfig(raw, path);
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
