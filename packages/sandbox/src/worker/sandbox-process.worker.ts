/**
 * Entry point of a sandbox process: a child of the server, started by the pool with an empty
 * environment, Node's permission model (file reads limited to the image and this package, no writes,
 * no child processes, no workers) and, where the OS allows, a network namespace with no interfaces.
 *
 * It keeps up to <spares> pre-booted spare sandboxes, runs one script at a time in the oldest,
 * disposes it, and boots the next. It holds no credentials: host calls (AWS requests) are forwarded
 * to the server as `host_call` messages.
 *
 * Usage (by the pool only): node --permission ... sandbox-process.worker.js <imageDir> <spares>
 */
import type { HostCallReply } from "../shared/host-call.js";
import { loadImageFiles } from "../shared/image.js";
import type { IsolateOutcome } from "../shared/isolate-outcome.js";
import { HostToSandboxSchema, type RunMessage, type SandboxToHost } from "../shared/messages.js";
import type { SandboxHostHooks } from "./isolate-host.worker.js";
import { JsSandbox } from "./js-sandbox.worker.js";
import { PythonSandbox } from "./python-sandbox.worker.js";
import { SharedImage } from "./shared-image.worker.js";

const send = (message: SandboxToHost): void => {
  process.send?.(message);
};

function fatal(message: string): never {
  send({ type: "fatal", id: "process", message });
  process.exit(70);
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const imageDir = process.argv[2];
const targetSpares = Number(process.argv[3] ?? "1");
if (!imageDir || !process.send || !Number.isInteger(targetSpares) || targetSpares < 1)
  fatal("sandbox-process must be started by the sandbox pool");

let image: SharedImage;
try {
  image = new SharedImage(loadImageFiles(imageDir, { requireSnapshot: true }));
} catch (error) {
  fatal(`cannot load the sandbox image: ${describe(error)}`);
}

/**
 * Booted spares, oldest first, and the one boot under way (boots run one at a time). The process keeps
 * up to `targetSpares` ready; while it runs a script it boots only when it has no spare at all, so a
 * boot does not compete with the run for a core when it can wait.
 */
const spares: PythonSandbox[] = [];
let booting: Promise<void> | null = null;
let boots = 0;
let lastBootMs = 0;
/** A run is in progress (from its message until `run_done`). */
let busy = false;

function maybeBoot(): void {
  if (booting || spares.length >= targetSpares || (busy && spares.length > 0)) return;
  const started = performance.now();
  booting = PythonSandbox.boot(image).then(
    (sandbox) => {
      booting = null;
      lastBootMs = performance.now() - started;
      boots++;
      spares.push(sandbox);
      announce();
      maybeBoot();
    },
    (error: unknown) => fatal(`sandbox boot failed: ${describe(error)}`),
  );
}

/** Tells the pool this process has a spare (and how many), whenever that changes while it is idle. */
function announce(): void {
  if (busy || spares.length === 0) return;
  send({
    type: "ready",
    id: "process",
    bootMs: lastBootMs,
    boots,
    spares: spares.length,
    booting: booting ? 1 : 0,
    rssBytes: process.memoryUsage.rss(),
  });
}

/** Host calls of the current run waiting for the host's reply, by call id. */
const pendingCalls = new Map<number, (reply: HostCallReply) => void>();
let nextCallId = 1;
/** The sandbox of the run in progress, once it has one (a cancel kills it). */
let current: { id: string; sandbox: RunnableSandbox } | null = null;

/** Output is batched per event-loop turn so a print-heavy script does not send a message per line. */
const outputBuffers: Record<1 | 2, string[]> = { 1: [], 2: [] };
let outputFlushScheduled = false;
function flushOutput(runId: string): void {
  outputFlushScheduled = false;
  for (const fd of [1, 2] as const) {
    if (outputBuffers[fd].length > 0) {
      send({ type: "output", id: runId, fd, text: outputBuffers[fd].join("") });
      outputBuffers[fd] = [];
    }
  }
}

/** A sandbox that can run one script: a Python spare or a fresh JavaScript isolate. */
interface RunnableSandbox {
  run(hooks: SandboxHostHooks): Promise<IsolateOutcome>;
  /** Cooperative interrupt (Python only; JavaScript has none). */
  interrupt(): void;
  kill(): void;
  dispose(): void;
}

async function takePythonSpare(message: RunMessage): Promise<RunnableSandbox> {
  while (spares.length === 0) {
    maybeBoot();
    await booting;
  }
  const sandbox = spares.shift() as PythonSandbox;
  const interruptBuffer = new SharedArrayBuffer(4);
  return {
    run: (hooks) =>
      sandbox.run(
        message.code,
        { limits: message.limits, interruptBuffer, defaultRegion: message.defaultRegion },
        hooks,
      ),
    // SIGINT: Python raises KeyboardInterrupt at its next check.
    interrupt: () => Atomics.store(new Int32Array(interruptBuffer), 0, 2),
    kill: () => sandbox.kill(),
    dispose: () => sandbox.dispose(),
  };
}

function freshJavaScript(message: RunMessage): RunnableSandbox {
  const sandbox = new JsSandbox(message.limits.memoryBytes);
  return {
    run: (hooks) => sandbox.run(image.files.jsRuntime, message.code, message.limits, hooks),
    interrupt: () => sandbox.kill(),
    kill: () => sandbox.kill(),
    dispose: () => sandbox.dispose(),
  };
}

function hooksFor(message: RunMessage): SandboxHostHooks {
  return {
    maxHostCallChars: message.maxHostCallChars,
    hostCall: (payload) =>
      new Promise<HostCallReply>((resolve) => {
        const callId = nextCallId++;
        pendingCalls.set(callId, resolve);
        send({ type: "host_call", id: message.id, callId, payload });
      }),
    output: (fd, text) => {
      if (text === "") {
        // The in-isolate cap cut this stream: flush, then pass the marker on as its own message.
        flushOutput(message.id);
        send({ type: "output", id: message.id, fd, text: "" });
        return;
      }
      outputBuffers[fd].push(text);
      if (!outputFlushScheduled) {
        outputFlushScheduled = true;
        setImmediate(() => flushOutput(message.id));
      }
    },
  };
}

async function handleRun(message: RunMessage): Promise<void> {
  if (busy) fatal("protocol violation: run while busy");
  busy = true;
  const python = message.language === "python";
  const sandbox = python ? await takePythonSpare(message) : freshJavaScript(message);
  current = { id: message.id, sandbox };
  if (cancelledBeforeStart === message.id) sandbox.kill();
  cancelledBeforeStart = null;
  let timedOut = false;
  const softTimer = setTimeout(() => {
    timedOut = true;
    sandbox.interrupt();
  }, message.limits.timeoutMs);
  const hardTimer = setTimeout(() => {
    timedOut = true;
    sandbox.kill();
  }, message.limits.timeoutMs + message.hardKillGraceMs);
  let outcome: IsolateOutcome;
  try {
    outcome = await sandbox.run(hooksFor(message));
  } finally {
    clearTimeout(softTimer);
    clearTimeout(hardTimer);
    sandbox.dispose();
    current = null;
  }
  flushOutput(message.id);
  // Calls still in flight get no answer from the host any more; their isolate is already gone.
  for (const resolve of pendingCalls.values()) {
    resolve({ failure: { code: "RUN_ENDED", message: "the run ended before the host answered" } });
  }
  pendingCalls.clear();
  send({ type: "run_done", id: message.id, outcome, timedOut, rssBytes: process.memoryUsage.rss() });
  busy = false;
  // A Python run used a spare: boot the next. A JavaScript run left them untouched.
  maybeBoot();
  announce();
}

/** A cancel that arrived while its run was still waiting for a spare to boot. */
let cancelledBeforeStart: string | null = null;

process.on("message", (raw: unknown) => {
  const parsed = HostToSandboxSchema.safeParse(raw);
  if (!parsed.success) fatal(`protocol violation: ${parsed.error.message}`);
  const message = parsed.data;
  switch (message.type) {
    case "run":
      void handleRun(message).catch((error: unknown) =>
        fatal(`run failed in the sandbox process: ${describe(error)}`),
      );
      return;
    case "cancel":
      // The run ends as `disposed/killed`; the host knows it cancelled and reports it so.
      if (current?.id === message.id) current.sandbox.kill();
      else if (busy) cancelledBeforeStart = message.id;
      return;
    case "host_call_result": {
      const resolve = pendingCalls.get(message.callId);
      pendingCalls.delete(message.callId);
      resolve?.(message.reply);
      return;
    }
    case "shutdown":
      process.exit(0);
  }
});
process.on("disconnect", () => process.exit(0));

maybeBoot();
