#!/usr/bin/env node
/**
 * The `runscript` command line. Each subcommand lives in `commands/<name>.ts` and exports
 * `run(argv): Promise<number>` returning the process exit code.
 */
import { loadDevtools } from "./devtools.js";
import { UsageError } from "./usage-error.js";

type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  run: { summary: "run one script in a fresh sandbox", load: () => import("./commands/run.js") },
  serve: {
    summary: "the MCP server over Streamable HTTP (default 127.0.0.1:8787)",
    load: () => import("./commands/serve.js"),
  },
  stdio: {
    summary: "the MCP server over stdio, for desktop MCP clients",
    load: () => import("./commands/stdio.js"),
  },
  // Development tools (@runscript/devtools), present in a source checkout, not in production images.
  demo: {
    summary: "local AWS endpoints + the S3 public-access audit, no AWS account needed (dev tools)",
    load: async () => (await loadDevtools("demo")).commands.demo,
  },
  fuzz: {
    summary: "escape corpus + generated hostile bridge requests, report per category (dev tools)",
    load: async () => (await loadDevtools("fuzz")).commands.fuzz,
  },
  loadtest: {
    summary: "drive a running server with MCP clients and report (dev tools)",
    load: async () => (await loadDevtools("loadtest")).commands.loadtest,
  },
};

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: runscript <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nrunscript <command> --help for the options of one command\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`runscript: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  try {
    const module = await command.load();
    return await module.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`runscript ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`runscript: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
