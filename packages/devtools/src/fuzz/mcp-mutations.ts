/**
 * Generated hostile MCP tool calls (fast-check): wrong types, huge and odd strings, unknown keys,
 * prototype keys, out-of-range limits, unknown tools, and raw JSON-RPC shapes the SDK would never send.
 */
import fc from "fast-check";

const weird = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant("x".repeat(70_000)),
  fc.constant("\u0000\uffff\ud800"),
  fc.constant({ __proto__: { polluted: true } }),
  fc.array(fc.integer(), { maxLength: 3 }),
);

const toolCall = fc.record({
  name: fc.constantFrom("run_script", "call_aws", "get_task", "list_tasks", "no_such_tool", "__proto__", ""),
  arguments: fc.dictionary(
    fc.constantFrom(
      "code",
      "language",
      "timeout_seconds",
      "memory_mb",
      "region",
      "service",
      "operation",
      "params",
      "task_id",
      "limit",
      "__proto__",
      "constructor",
      "extra",
    ),
    weird,
    { maxKeys: 5 },
  ),
});

/** A JSON-RPC request body (usually a tools/call; sometimes malformed on purpose). */
export const hostileMcpBody: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: toolCall.map((params) =>
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"run_script","arguments":{"code":"1","timeout_seconds":-5}}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"run_script","arguments":{"code":"1","memory_mb":1e9}}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_task","arguments":{"task_id":"task-../../etc/passwd"}}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"call_aws","arguments":{"service":"sts","operation":"GetSessionToken"}}}',
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"call_aws","arguments":{"service":"s3","operation":"ListBuckets","region":"x@evil.example:443/#"}}}',
      '{"jsonrpc":"2.0","id":1,"method":"__proto__","params":{}}',
      '{"jsonrpc":"2.0","method":"tools/call"}',
      '[{"jsonrpc":"2.0","id":1,"method":"tools/list"},{"jsonrpc":"2.0","id":2,"method":"nope"}]',
      "{",
      "",
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);
