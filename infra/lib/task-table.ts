/**
 * The DynamoDB table that holds long-running task state and results shared by the fleet, so that a
 * task started on one node can be polled on another.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./compliance-checks.ts";

/** Partition key attribute (string). */
export const TASK_TABLE_PARTITION_KEY = "pk";

/** TTL attribute (epoch seconds); DynamoDB deletes expired items, typically within a few days. */
export const TASK_TABLE_TTL_ATTRIBUTE = "expiresAt";

/**
 * The item actions the service may perform on the table, and nothing else (no Scan, no table
 * management, no streams).
 */
export const TASK_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
] as const;

/** Properties of {@link TaskTable}. */
export interface TaskTableProps {
  /** Table name (fixed, so the server config can name it before the first deploy). */
  readonly tableName: string;
  /** Point-in-time recovery (on by default; billed per GB of table, which stays small: items expire). */
  readonly pointInTimeRecovery: boolean;
}

/** On-demand DynamoDB table, partition key `pk`, TTL on `expiresAt`. */
export class TaskTable extends Construct {
  /** The table. */
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: TaskTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, "Table", {
      tableName: props.tableName,
      partitionKey: { name: TASK_TABLE_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TASK_TABLE_TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Only expiring task state lives here; deleting the stack may delete it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (!props.pointInTimeRecovery) {
      acknowledgeFindings(this.table, {
        finding: "AwsSolutions-DDB3",
        reason:
          "Point-in-time recovery turned off by the operator with context pointInTimeRecovery=false (the default is on). The table holds only expiring task state and results; losing it fails the tasks in flight, nothing else.",
      });
    }
  }

  /** Allows `grantee` exactly {@link TASK_TABLE_ACTIONS} on this table. */
  grantItemAccess(grantee: iam.IGrantable): iam.Grant {
    return this.table.grant(grantee, ...TASK_TABLE_ACTIONS);
  }
}
