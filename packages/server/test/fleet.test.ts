/**
 * Fleet correctness: two server instances share task state in DynamoDB (dynalite over real HTTP).
 * A long run started on node A is polled to completion on node B; MCP requests are stateless, so any
 * request may land on any node.
 */
import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import dynalite from "dynalite";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DynamoDbTaskStore, parseConfig, type RunscriptServer, startServer } from "../src/index.js";

const TOKEN = "fleet-agent-token-0123456789";
const credentials = { accessKeyId: "AKIAFLEETTEST0000", secretAccessKey: "fleet-secret-0000000000" };
let db: ReturnType<typeof dynalite>;
let endpoint: string;
let nodeA: RunscriptServer;
let nodeB: RunscriptServer;

beforeAll(async () => {
  db = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, "127.0.0.1", () => resolve()));
  endpoint = `http://127.0.0.1:${(db.address() as AddressInfo).port}`;
  const ddb = new DynamoDBClient({ region: "us-east-1", endpoint, credentials });
  await ddb.send(
    new CreateTableCommand({
      TableName: "runscript-tasks",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  ddb.destroy();
  const config = parseConfig({
    listen: { port: 0 },
    principals: [{ name: "fleet-agent", token: TOKEN }],
    pool: { size: 1 },
    tasks: { thresholdMs: 500, store: { type: "dynamodb", table: "runscript-tasks", endpoint } },
    log: { level: "silent" },
  });
  nodeA = await startServer(config, { taskStoreCredentials: credentials });
  nodeB = await startServer(config, { taskStoreCredentials: credentials });
});
afterAll(async () => {
  await nodeA?.close(1000);
  await nodeB?.close(1000);
  await new Promise<void>((resolve) => db.close(() => resolve()));
});

async function connect(server: RunscriptServer): Promise<Client> {
  const c = new Client({ name: "fleet", version: "1" });
  await c.connect(
    new StreamableHTTPClientTransport(new URL(server.url), {
      requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
    }),
  );
  return c;
}

it("a task started on node A is polled to completion on node B", async () => {
  const a = await connect(nodeA);
  const started = (await a.callTool({
    name: "run_script",
    arguments: { code: "import time\ntime.sleep(1.5)\n{'node': 'A', 'ok': True}" },
  })) as unknown as {
    structuredContent: { status: string; task_id: string };
  };
  expect(started.structuredContent.status).toBe("running");
  await a.close();
  const b = await connect(nodeB);
  type Task = { structuredContent: { status: string; result?: { status: string; result: unknown } } };
  let task = (await b.callTool({
    name: "get_task",
    arguments: { task_id: started.structuredContent.task_id },
  })) as unknown as Task;
  for (let i = 0; i < 100 && task.structuredContent.status !== "done"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    task = (await b.callTool({
      name: "get_task",
      arguments: { task_id: started.structuredContent.task_id },
    })) as unknown as Task;
  }
  expect(task.structuredContent).toMatchObject({
    status: "done",
    result: { status: "success", result: { node: "A", ok: true } },
  });
  const listed = (await b.callTool({ name: "list_tasks", arguments: {} })) as unknown as {
    structuredContent: { tasks: { task_id: string }[] };
  };
  expect(listed.structuredContent.tasks.map((t) => t.task_id)).toContain(started.structuredContent.task_id);
  await b.close();
});

it("consecutive stateless requests of one client alternate between nodes", async () => {
  const nodes = [nodeA, nodeB, nodeA, nodeB];
  for (const [i, server] of nodes.entries()) {
    const c = await connect(server);
    type Out = { structuredContent: { status: string; result?: unknown; task_id?: string } };
    let r = (await c.callTool({ name: "run_script", arguments: { code: "6 * 7" } })) as unknown as Out;
    // Under load a run can outlast the 500 ms task threshold: then poll it, on the other node.
    if (r.structuredContent.status === "running") {
      const other = await connect(nodes[i + 1] ?? nodeB);
      const taskId = r.structuredContent.task_id as string;
      type Task = { structuredContent: { status: string; result?: { result: unknown } } };
      let t = (await other.callTool({ name: "get_task", arguments: { task_id: taskId } })) as unknown as Task;
      for (let k = 0; k < 200 && t.structuredContent.status !== "done"; k++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        t = (await other.callTool({ name: "get_task", arguments: { task_id: taskId } })) as unknown as Task;
      }
      r = { structuredContent: { status: "success", result: t.structuredContent.result?.result } };
      await other.close();
    }
    expect(r.structuredContent.result).toBe(42);
    await c.close();
  }
});

it("an expired task is gone", async () => {
  const store = new DynamoDbTaskStore({
    table: "runscript-tasks",
    region: "us-east-1",
    endpoint,
    credentials,
  });
  await store.put({
    taskId: "task-expired",
    principal: "p",
    tool: "run_script",
    status: "done",
    createdAt: new Date().toISOString(),
    finishedAt: null,
    result: null,
    expiresAt: Date.now() - 1000,
  });
  expect(await store.get("task-expired")).toBeNull();
  await store.close();
});
