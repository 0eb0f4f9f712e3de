/**
 * @runscript/runner: one run of a script for a principal, below every front end (MCP tools, CLI,
 * demo, benchmarks, tests): the sandbox pool and the AWS bridge wired together, behind injected
 * interfaces.
 */
export { type CallBridge, type Clock, type RunCalls, type ScriptPool, systemClock } from "./ports.js";
export { type RunRecord, RunRecordSchema } from "./run-record.js";
export { Runner, type RunnerDeps, type RunRequest } from "./runner.js";
