/**
 * Where the stack's network and load-balancer logs go: the log bucket (load balancer access logs
 * under `alb/`, VPC flow logs under `vpc-flow-logs/`) and the server access log bucket (S3 server
 * access logs of the log bucket, so reads and deletions of the evidence are themselves recorded).
 *
 * Both buckets: SSE-S3 encryption (the only encryption load balancer log delivery supports), TLS-only
 * bucket policy, all public access blocked, ACLs disabled (bucket owner owns every object), a
 * lifecycle rule that expires objects after `retentionDays`, and RETAIN on stack deletion (logs are
 * evidence; the lifecycle rule empties a retained bucket).
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** Key prefix of the load balancer access logs in the log bucket. */
export const ACCESS_LOG_PREFIX = "alb";

/** Key prefix of the VPC flow logs in the log bucket. */
export const FLOW_LOG_PREFIX = "vpc-flow-logs/";

/**
 * The principal Elastic Load Balancing delivers access logs as. AWS documents it for every region
 * (older regions also accept the per-region ELB account, which would need the region at synth time).
 */
const ELB_LOG_DELIVERY = "logdelivery.elasticloadbalancing.amazonaws.com";

/** Properties of {@link LogBuckets}. */
export interface LogBucketsProps {
  /** Days before log objects expire. */
  readonly retentionDays: number;
}

/** The log bucket and the bucket that receives its server access logs. */
export class LogBuckets extends Construct {
  /** Load balancer access logs and VPC flow logs. */
  readonly bucket: s3.Bucket;
  /** S3 server access logs of {@link bucket}. */
  readonly serverAccessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LogBucketsProps) {
    super(scope, id);
    const common: s3.BucketProps = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: "ExpireLogs",
          expiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    };
    this.serverAccessLogBucket = new s3.Bucket(this, "ServerAccessLogs", common);
    // cdk-nag's S1 (server access logging) accepts this bucket as it is: it is the target of the log
    // bucket's server access logs, the end of the logging chain.
    this.bucket = new s3.Bucket(this, "Logs", {
      ...common,
      serverAccessLogsBucket: this.serverAccessLogBucket,
      serverAccessLogsPrefix: "log-bucket/",
    });
  }

  /** Turns on `loadBalancer`'s access logs into this bucket under {@link ACCESS_LOG_PREFIX}. */
  receiveAccessLogs(loadBalancer: elbv2.ApplicationLoadBalancer): void {
    // What `logAccessLogs` does, with the service principal so it also works in an
    // environment-agnostic stack (CDK refuses `logAccessLogs` when the region is unknown).
    const account = Stack.of(this).account;
    loadBalancer.setAttribute("access_logs.s3.enabled", "true");
    loadBalancer.setAttribute("access_logs.s3.bucket", this.bucket.bucketName);
    loadBalancer.setAttribute("access_logs.s3.prefix", ACCESS_LOG_PREFIX);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "LoadBalancerAccessLogDelivery",
        actions: ["s3:PutObject"],
        principals: [new iam.ServicePrincipal(ELB_LOG_DELIVERY)],
        resources: [this.bucket.arnForObjects(`${ACCESS_LOG_PREFIX}/AWSLogs/${account}/*`)],
      }),
    );
    // The load balancer checks that it may write when the attribute is set.
    const policy = this.bucket.policy?.node.defaultChild;
    const lb = loadBalancer.node.defaultChild;
    if (policy !== undefined && lb !== undefined) lb.node.addDependency(policy);
  }

  /** A flow-log destination in this bucket under {@link FLOW_LOG_PREFIX}. */
  flowLogDestination(): ec2.FlowLogDestination {
    return ec2.FlowLogDestination.toS3(this.bucket, FLOW_LOG_PREFIX);
  }
}
