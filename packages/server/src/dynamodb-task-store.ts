/**
 * Task state in DynamoDB, shared by every node of a fleet: a task started on one node can be polled
 * on any other. Items: `pk` (the task id, string partition key), `expiresAt` (epoch seconds, the
 * table's TTL attribute), and the task's fields; the result is stored as JSON text.
 * `listByPrincipal` scans with a filter: fine for the task volumes one principal keeps (bounded by
 * the tasks one principal starts within the TTL); add a GSI on `principal` for very large tables.
 */
import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import type { JsonValue } from "@runscript/sandbox";
import type { TaskRecord, TaskStore } from "./task-store.js";

export interface DynamoDbTaskStoreOptions {
  table: string;
  region: string;
  /** Endpoint override (tests against dynalite, VPC endpoints). */
  endpoint?: string | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

function toItem(t: TaskRecord): Record<string, AttributeValue> {
  return {
    pk: { S: t.taskId },
    principal: { S: t.principal },
    tool: { S: t.tool },
    status: { S: t.status },
    createdAt: { S: t.createdAt },
    ...(t.finishedAt ? { finishedAt: { S: t.finishedAt } } : {}),
    ...(t.result !== null ? { result: { S: JSON.stringify(t.result) } } : {}),
    expiresAt: { N: String(Math.ceil(t.expiresAt / 1000)) },
  };
}

function fromItem(item: Record<string, AttributeValue>): TaskRecord | null {
  const s = (k: string) => item[k]?.S;
  const taskId = s("pk");
  const principal = s("principal");
  const status = s("status");
  const createdAt = s("createdAt");
  const expires = Number(item.expiresAt?.N ?? "0") * 1000;
  if (!taskId || !principal || (status !== "running" && status !== "done") || !createdAt) return null;
  let result: JsonValue | null = null;
  const raw = s("result");
  if (raw !== undefined) {
    try {
      result = JSON.parse(raw) as JsonValue;
    } catch {
      result = null;
    }
  }
  return {
    taskId,
    principal,
    tool: s("tool") ?? "run_script",
    status,
    createdAt,
    finishedAt: s("finishedAt") ?? null,
    result,
    expiresAt: expires,
  };
}

export class DynamoDbTaskStore implements TaskStore {
  readonly #client: DynamoDBClient;
  readonly #table: string;

  constructor(options: DynamoDbTaskStoreOptions) {
    this.#table = options.table;
    this.#client = new DynamoDBClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async put(task: TaskRecord): Promise<void> {
    await this.#client.send(new PutItemCommand({ TableName: this.#table, Item: toItem(task) }));
  }

  async get(taskId: string): Promise<TaskRecord | null> {
    const out = await this.#client.send(
      new GetItemCommand({ TableName: this.#table, Key: { pk: { S: taskId } }, ConsistentRead: true }),
    );
    const task = out.Item ? fromItem(out.Item) : null;
    // DynamoDB's TTL deletes lazily; an expired item is gone as far as callers are concerned.
    return task && task.expiresAt > Date.now() ? task : null;
  }

  async listByPrincipal(principal: string, limit: number): Promise<TaskRecord[]> {
    const tasks: TaskRecord[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.#client.send(
        new ScanCommand({
          TableName: this.#table,
          FilterExpression: "principal = :p AND expiresAt > :now",
          ExpressionAttributeValues: {
            ":p": { S: principal },
            ":now": { N: String(Math.floor(Date.now() / 1000)) },
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        const t = fromItem(item);
        if (t) tasks.push(t);
      }
      start = out.LastEvaluatedKey;
    } while (start && tasks.length < 10_000);
    return tasks.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}
