/**
 * Dashboard and alarms on the `AWS-MCP` namespace, plus the service's ECS and load-balancer health.
 * Alarms notify an SNS topic (optionally an e-mail subscription).
 */
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { RunscriptSettings } from "./context.ts";
import { fleetRatePercent, mcpMetric, queueDepthMetric, TOOL_NAMES } from "./metrics.ts";

/** Properties of {@link Observability}. */
export interface ObservabilityProps {
  /** The Fargate service (CPU and memory). */
  readonly service: ecs.FargateService;
  /** The target group (healthy hosts, 5xx). */
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** Deployment settings (thresholds, alarm e-mail). */
  readonly settings: RunscriptSettings;
}

const FIVE_MINUTES = Duration.minutes(5);

/** CloudWatch dashboard, alarms and the alarm topic. */
export class Observability extends Construct {
  /** The dashboard. */
  readonly dashboard: cloudwatch.Dashboard;
  /** Topic every alarm notifies (on ALARM and on OK). */
  readonly alarmTopic: sns.Topic;
  /** The alarms, by purpose. */
  readonly alarms: {
    readonly systemErrorRate: cloudwatch.Alarm;
    readonly throttleRate: cloudwatch.Alarm;
    readonly p99Duration: cloudwatch.Alarm;
    readonly policyDenialSpike: cloudwatch.Alarm;
    readonly noHealthyTasks: cloudwatch.Alarm;
  };

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { settings } = props;
    // TLS-only: the topic policy denies publishing (and every other action) without TLS. Because a
    // topic policy replaces SNS's default one, it must also let CloudWatch publish this stack's alarms.
    this.alarmTopic = new sns.Topic(this, "AlarmTopic", {
      displayName: "runscript alarms",
      enforceSSL: true,
    });
    if (settings.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
    }

    const systemErrorRate = fleetRatePercent("SystemError", "SystemError %");
    const userErrorRate = fleetRatePercent("UserError", "UserError %");
    const throttleRate = fleetRatePercent("Throttle", "Throttle %");
    const p99Duration = mcpMetric("RunDuration", "run_script", {
      statistic: "p99",
      period: FIVE_MINUTES,
      label: "RunDuration p99 (ms)",
    });
    const policyDenials = new cloudwatch.MathExpression({
      expression: TOOL_NAMES.map((_, index) => `FILL(denials_m${index}, 0)`).join(" + "),
      usingMetrics: Object.fromEntries(
        TOOL_NAMES.map((tool, index) => [
          `denials_m${index}`,
          mcpMetric("PolicyDenials", tool, { period: FIVE_MINUTES }),
        ]),
      ),
      label: "PolicyDenials (5 min)",
      period: FIVE_MINUTES,
    });
    const healthyHosts = props.targetGroup.metrics.healthyHostCount({
      statistic: "Minimum",
      period: Duration.minutes(1),
    });

    const alarm = (alarmId: string, options: cloudwatch.CreateAlarmOptions, metric: cloudwatch.IMetric) => {
      const created = new cloudwatch.Alarm(this, alarmId, { ...options, metric });
      created.addAlarmAction(new actions.SnsAction(this.alarmTopic));
      created.addOkAction(new actions.SnsAction(this.alarmTopic));
      return created;
    };
    this.alarms = {
      systemErrorRate: alarm(
        "SystemErrorRate",
        {
          alarmDescription: `runscript: host faults above ${settings.systemErrorRatePercent}% of invocations`,
          threshold: settings.systemErrorRatePercent,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
        systemErrorRate,
      ),
      throttleRate: alarm(
        "ThrottleRate",
        {
          alarmDescription: `runscript: more than ${settings.throttleRatePercent}% of invocations throttled (scale out or raise quotas)`,
          threshold: settings.throttleRatePercent,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
        throttleRate,
      ),
      p99Duration: alarm(
        "P99RunDuration",
        {
          alarmDescription: `runscript: p99 run duration above ${settings.p99DurationMs} ms`,
          threshold: settings.p99DurationMs,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 3,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
        p99Duration,
      ),
      policyDenialSpike: alarm(
        "PolicyDenialSpike",
        {
          alarmDescription: `runscript: more than ${settings.policyDenialsPer5Min} policy denials in 5 minutes (misconfigured principal or an agent probing its limits)`,
          threshold: settings.policyDenialsPer5Min,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
        policyDenials,
      ),
      noHealthyTasks: alarm(
        "NoHealthyTasks",
        {
          alarmDescription: "runscript: no task passes the /readyz health check",
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        },
        healthyHosts,
      ),
    };

    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudWatchAlarmsPublish",
        actions: ["sns:Publish"],
        principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          ArnEquals: { "aws:SourceArn": Object.values(this.alarms).map((a) => a.alarmArn) },
        },
      }),
    );

    const perTool = (name: "Invocation" | "Timeouts" | "AwsCalls" | "PolicyDenials") =>
      TOOL_NAMES.map((tool) => mcpMetric(name, tool, { period: FIVE_MINUTES }));
    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: "Invocations", left: perTool("Invocation"), width: 8 }),
          new cloudwatch.GraphWidget({
            title: "Error and throttle rates (%)",
            left: [systemErrorRate, userErrorRate, throttleRate],
            leftAnnotations: [
              { value: settings.systemErrorRatePercent, label: "SystemError alarm" },
              { value: settings.throttleRatePercent, label: "Throttle alarm" },
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: "Timeouts", left: perTool("Timeouts"), width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "run_script duration (ms)",
            left: [
              mcpMetric("RunDuration", "run_script", {
                statistic: "p50",
                period: FIVE_MINUTES,
                label: "p50",
              }),
              p99Duration,
            ],
            leftAnnotations: [{ value: settings.p99DurationMs, label: "p99 alarm" }],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: "AWS calls and policy denials",
            left: perTool("AwsCalls"),
            right: perTool("PolicyDenials"),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: "Queue depth (runs waiting for a sandbox)",
            left: [queueDepthMetric("Average"), queueDepthMetric("Maximum")],
            leftAnnotations: [{ value: settings.queueDepthTarget, label: "scaling target" }],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: "ECS CPU and memory (%)",
            left: [props.service.metricCpuUtilization(), props.service.metricMemoryUtilization()],
            width: 12,
          }),
          new cloudwatch.GraphWidget({
            title: "Load balancer targets",
            left: [healthyHosts, props.targetGroup.metrics.unhealthyHostCount()],
            right: [props.targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT)],
            width: 12,
          }),
        ],
        [
          new cloudwatch.AlarmStatusWidget({
            title: "Alarms",
            alarms: Object.values(this.alarms),
            width: 24,
          }),
        ],
      ],
    });
  }
}
