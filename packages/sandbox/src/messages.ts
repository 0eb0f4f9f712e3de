/**
 * Messages between the server (pool) and a sandbox process, over the process's IPC channel.
 * Two discriminated unions keyed on `type`. Everything a sandbox process sends is hostile: the pool
 * `safeParse`s it, and a message that fails to parse ends that process.
 */
import { z } from "zod";
import { RunLimitsSchema } from "./limits.js";

const id = z.string().min(1).max(64);

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
  }),
  z.strictObject({ type: z.literal("host_call_result"), id, callId: z.number().int(), payload: z.string() }),
  z.strictObject({ type: z.literal("shutdown"), id }),
]);
export type HostToSandbox = z.infer<typeof HostToSandboxSchema>;

/** Largest single message a sandbox process may send (bytes of JSON); larger ends the process. */
export const MAX_SANDBOX_MESSAGE_CHARS = 80 * 1024 * 1024;

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
    outcome: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("completed"), json: z.string(), memoryCapHit: z.boolean() }),
      z.strictObject({
        kind: z.literal("disposed"),
        reason: z.enum(["killed", "js_heap_limit"]),
        message: z.string(),
      }),
      z.strictObject({ kind: z.literal("crashed"), message: z.string() }),
    ]),
    timedOut: z.boolean(),
    durationMs: z.number(),
    rssBytes: z.number(),
  }),
  z.strictObject({ type: z.literal("fatal"), id, message: z.string() }),
]);
export type SandboxToHost = z.infer<typeof SandboxToHostSchema>;
