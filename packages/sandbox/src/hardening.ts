/**
 * OS-level hardening of sandbox processes: what this machine allows, detected once and reported
 * (never silently skipped). The layers, outermost first:
 * 1. network: a network namespace with no interfaces (`unshare -n` as root, `unshare -rn` with user
 *    namespaces), so even a full escape from the isolate cannot open a socket;
 * 2. Node's permission model: file reads limited to the sandbox image and the sandbox package's code,
 *    no file writes, no child processes, no worker threads;
 * 3. an empty environment (no credentials, no tokens, nothing of the server's);
 * 4. inside the process, each run in its own isolated-vm isolate with no Node or web APIs.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** What is active on this machine. */
export interface HardeningReport {
  /** `"unshare -n"`, `"unshare -rn"`, or `null` when no network namespace could be created. */
  networkNamespace: "unshare -n" | "unshare -rn" | null;
  /** Node permission model with a file-read allowlist (always on). */
  permissionModel: true;
  /** Sandbox processes start with an empty environment (always on). */
  emptyEnvironment: true;
  /** Each run gets a fresh isolated-vm isolate (always on). */
  isolatePerRun: true;
  /** Human-readable summary, for logs and `/readyz`. */
  summary: string;
}

/** How to start a sandbox process, as decided by `planSandboxLaunch`. */
export interface SandboxLaunch {
  command: string;
  args: string[];
  report: HardeningReport;
}

function probe(args: string[]): boolean {
  const result = spawnSync("unshare", [...args, "true"], { stdio: "ignore", timeout: 5_000 });
  return result.status === 0;
}

let cachedNetwork: HardeningReport["networkNamespace"] | undefined;

/** Detects which network isolation works here (cached per server process). */
export function detectNetworkNamespace(): HardeningReport["networkNamespace"] {
  if (cachedNetwork !== undefined) return cachedNetwork;
  if (process.platform !== "linux") cachedNetwork = null;
  else if (probe(["-n"])) cachedNetwork = "unshare -n";
  else if (probe(["-rn"])) cachedNetwork = "unshare -rn";
  else cachedNetwork = null;
  return cachedNetwork;
}

/** Directories a sandbox process may read: its own code, its dependencies, the image. */
function readAllowlist(imageDir: string): string[] {
  const require = createRequire(import.meta.url);
  const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const dep = (name: string): string => dirname(require.resolve(`${name}/package.json`));
  // node-gyp-build (which loads isolated-vm's addon) probes /etc/alpine-release to pick a binary.
  return [
    packageDir,
    dep("isolated-vm"),
    dep("node-gyp-build"),
    dep("zod"),
    resolve(imageDir),
    "/etc/alpine-release",
  ];
}

/**
 * Builds the command line for a sandbox process. With `requireNetworkIsolation`, throws when no
 * network namespace is available instead of running without one.
 */
export function planSandboxLaunch(
  imageDir: string,
  options: { requireNetworkIsolation: boolean; sparesPerProcess: number },
): SandboxLaunch {
  const network = detectNetworkNamespace();
  if (!network && options.requireNetworkIsolation) {
    throw new Error(
      "no network namespace could be created for sandbox processes (unshare -n / -rn failed); run as root or enable user namespaces, or set requireNetworkIsolation: false to accept isolate-only network protection",
    );
  }
  // Always the compiled entry, also when this module runs from source (tests).
  const entry = resolve(
    dirname(fileURLToPath(import.meta.url)),
    "..",
    "dist",
    "worker",
    "sandbox-process.worker.js",
  );
  const nodeArgs = [
    "--permission",
    ...readAllowlist(imageDir).map((dir) => `--allow-fs-read=${dir}`),
    "--allow-addons",
    "--no-warnings",
    "--disable-proto=delete",
    "--max-old-space-size=512",
    entry,
    resolve(imageDir),
    String(options.sparesPerProcess),
  ];
  const report: HardeningReport = {
    networkNamespace: network,
    permissionModel: true,
    emptyEnvironment: true,
    isolatePerRun: true,
    summary: [
      network ? `network namespace (${network})` : "NO network namespace (isolate-only network protection)",
      "node permission model (read-only allowlist, no child processes/workers)",
      "empty environment",
      "fresh isolated-vm isolate per run",
    ].join("; "),
  };
  if (network === "unshare -n")
    return { command: "unshare", args: ["-n", "--", process.execPath, ...nodeArgs], report };
  if (network === "unshare -rn")
    return { command: "unshare", args: ["-rn", "--", process.execPath, ...nodeArgs], report };
  return { command: process.execPath, args: nodeArgs, report };
}
