/** Reads the server's Prometheus `/metrics` into the few figures a load-test report shows. */

/** Sums of every sample whose metric name matches, keyed by the pattern's label. */
export interface ServerFigures {
  queueDepth: number | null;
  sandboxesReady: number | null;
  sandboxesBusy: number | null;
  residentMemoryBytes: number | null;
}

function sum(text: string, name: RegExp): number | null {
  let total: number | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.trim()) continue;
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);
    if (m?.[1] && name.test(m[1]) && m[3] !== undefined) total = (total ?? 0) + Number(m[3]);
  }
  return total;
}

/** Parses Prometheus text exposition. Unknown metrics are `null`. */
export function parseServerFigures(text: string): ServerFigures {
  return {
    queueDepth: sum(text, /queue_depth$/),
    sandboxesReady: sum(text, /sandboxes_ready$/),
    sandboxesBusy: sum(text, /sandboxes_busy$/),
    residentMemoryBytes: sum(text, /^process_resident_memory_bytes$/),
  };
}

/** Fetches `/metrics` next to the MCP URL; `null` when the server does not expose it. */
export async function fetchServerFigures(mcpUrl: string, token?: string): Promise<ServerFigures | null> {
  const url = new URL("/metrics", mcpUrl);
  try {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) return null;
    return parseServerFigures(await response.text());
  } catch {
    return null;
  }
}
