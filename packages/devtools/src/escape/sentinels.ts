/**
 * Sentinels of the escape suite: a host file and an environment secret that must never be read, a
 * loopback listener that must hear nothing, and a check that no sandbox process started children.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sentinels } from "./corpus.js";

export interface PlantedSentinels extends Sentinels {
  /** Connections the loopback listener accepted (must stay 0). */
  connections(): number;
  remove(): Promise<void>;
}

/** Plants the sentinels in this (host) process. */
export async function plantSentinels(forbidden: string[] = []): Promise<PlantedSentinels> {
  const envSecret = `ENVSECRET${randomBytes(12).toString("hex")}`;
  const fileSecret = `FILESECRET${randomBytes(12).toString("hex")}`;
  const sentinelFile = join(tmpdir(), `runscript-sentinel-${randomBytes(6).toString("hex")}`);
  process.env.RUNSCRIPT_ESCAPE_SECRET = envSecret;
  writeFileSync(sentinelFile, fileSecret);
  let connections = 0;
  const listener: Server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const address = listener.address();
  return {
    envSecret,
    fileSecret,
    sentinelFile,
    listenerPort: typeof address === "object" && address ? address.port : 0,
    marker: `MARKER${randomBytes(8).toString("hex")}`,
    forbidden,
    connections: () => connections,
    remove: async () => {
      delete process.env.RUNSCRIPT_ESCAPE_SECRET;
      rmSync(sentinelFile, { force: true });
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}

/** Child processes of `pid` (Linux /proc); a sandbox process must never have any. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) children.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // the process is gone
  }
  return children;
}
