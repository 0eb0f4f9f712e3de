/**
 * Messages between the server (pool) and a sandbox process, over the process's IPC channel.
 * Two discriminated unions keyed on `type`. Everything a sandbox process sends is hostile: the pool
 * `safeParse`s it, and a message that fails to parse ends that process.
 */
import { z } from "zod";
import { HostCallReplySchema } from "./host-call.js";
import { IsolateOutcomeSchema } from "./isolate-outcome.js";
import { RunLimitsSchema } from "./limits.js";

const id = z.string().min(1).max(64);

/** Largest single message a sandbox process may send (bytes of JSON); larger ends the process. */
export const MAX_SANDBOX_MESSAGE_CHARS = 80 * 1024 * 1024;

/** Host to sandbox process. */
export const HostToSandboxSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("run"),
    id,
    language: z.enum(["python", "javascript"]),
    code: z.string(),
    limits: RunLimitsSchema,
    /** Grace between the cooperative interrupt and the hard kill of the isolate. */
    hardKillGraceMs: z.number().int().min(0).max(60_000),
    /**
     * The run's default AWS region, or null. The Python runtime sets `AWS_DEFAULT_REGION` and
     * `AWS_REGION` in `os.environ` to it before the script starts (what boto3 reads).
     */
    defaultRegion: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .nullable(),
    /** Longest host-call payload (UTF-16 units) the process forwards; longer is `PAYLOAD_TOO_LARGE`. */
    maxHostCallChars: z.number().int().min(0).max(MAX_SANDBOX_MESSAGE_CHARS),
  }),
  /** Stop the run now (the caller cancelled it): the isolate is killed, `run_done` follows. */
  z.strictObject({ type: z.literal("cancel"), id }),
  z.strictObject({
    type: z.literal("host_call_result"),
    id,
    callId: z.number().int(),
    reply: HostCallReplySchema,
  }),
  z.strictObject({ type: z.literal("shutdown"), id }),
]);
export type HostToSandbox = z.infer<typeof HostToSandboxSchema>;
/** The `run` message: what one run needs inside the sandbox process. */
export type RunMessage = Extract<HostToSandbox, { type: "run" }>;

/** Sandbox process to host. */
export const SandboxToHostSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("ready"),
    id,
    /** Duration of the process's latest boot, and how many boots it has finished. */
    bootMs: z.number(),
    boots: z.number().int().nonnegative(),
    /** Booted spares waiting, and boots under way. */
    spares: z.number().int().nonnegative(),
    booting: z.number().int().nonnegative(),
    rssBytes: z.number(),
  }),
  z.strictObject({
    type: z.literal("output"),
    id,
    fd: z.union([z.literal(1), z.literal(2)]),
    text: z.string(),
  }),
  z.strictObject({
    type: z.literal("host_call"),
    id,
    callId: z.number().int().nonnegative(),
    payload: z.string(),
  }),
  z.strictObject({
    type: z.literal("run_done"),
    id,
    outcome: IsolateOutcomeSchema,
    /** The run passed its deadline (interrupted or killed for it). */
    timedOut: z.boolean(),
    rssBytes: z.number(),
  }),
  z.strictObject({ type: z.literal("fatal"), id, message: z.string() }),
]);
export type SandboxToHost = z.infer<typeof SandboxToHostSchema>;
