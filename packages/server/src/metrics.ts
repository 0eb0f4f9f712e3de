/**
 * Prometheus metrics (one registry per server instance) and the events that feed both Prometheus
 * and the CloudWatch publisher.
 */
import type { ApiCallRecord } from "@runscript/aws-bridge";
import type { InvocationClass } from "@runscript/contracts";
import type { PoolStats } from "@runscript/sandbox";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type { InvocationClass };

export interface InvocationEvent {
  tool: string;
  principal: string;
  /** Run status (success, error, timeout, ...) or an error code for calls that did not run. */
  status: string;
  outcome: InvocationClass;
  durationMs: number;
  apiCalls: readonly ApiCallRecord[];
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly #runs: Counter<"tool" | "status" | "principal">;
  readonly #duration: Histogram<"tool" | "status">;
  readonly #awsCalls: Counter<"service" | "operation" | "outcome">;
  readonly #denials: Counter<"principal" | "service" | "operation">;
  readonly #listeners: ((e: InvocationEvent) => void)[] = [];

  constructor(poolStats: () => PoolStats) {
    collectDefaultMetrics({ register: this.registry });
    this.#runs = new Counter({
      name: "runscript_runs_total",
      help: "Tool invocations by tool, final status and principal",
      labelNames: ["tool", "status", "principal"],
      registers: [this.registry],
    });
    this.#duration = new Histogram({
      name: "runscript_run_duration_seconds",
      help: "Wall-clock duration of tool invocations",
      labelNames: ["tool", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
    this.#awsCalls = new Counter({
      name: "runscript_aws_calls_total",
      help: "AWS calls through the bridge by service, operation and outcome",
      labelNames: ["service", "operation", "outcome"],
      registers: [this.registry],
    });
    this.#denials = new Counter({
      name: "runscript_policy_denials_total",
      help: "AWS calls denied by policy before leaving the host",
      labelNames: ["principal", "service", "operation"],
      registers: [this.registry],
    });
    const gauge = (name: string, help: string, read: (s: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read(poolStats()));
        },
      });
    gauge("runscript_queue_depth", "Runs waiting for a sandbox", (s) => s.queued);
    gauge("runscript_sandboxes_ready", "Sandbox processes with a booted spare, idle", (s) => s.ready);
    gauge("runscript_sandboxes_busy", "Sandbox processes running a script", (s) => s.busy);
    gauge("runscript_sandboxes_booting", "Sandbox processes booting a spare", (s) => s.booting);
    gauge("runscript_spares_ready", "Booted Python sandboxes waiting for a run", (s) => s.sparesReady);
    gauge("runscript_spares_booting", "Python sandbox boots under way", (s) => s.sparesBooting);
    gauge("runscript_boot_p50_seconds", "Median of the last 100 sandbox boots", (s) => s.bootP50Ms / 1000);
    gauge(
      "runscript_sandbox_process_rss_bytes",
      "Mean resident set size of a sandbox process",
      (s) => s.processRssBytes,
    );
  }

  /** Subscribes to invocation events (the CloudWatch publisher). */
  onInvocation(listener: (e: InvocationEvent) => void): void {
    this.#listeners.push(listener);
  }

  record(e: InvocationEvent): void {
    this.#runs.inc({ tool: e.tool, status: e.status, principal: e.principal });
    this.#duration.observe({ tool: e.tool, status: e.status }, e.durationMs / 1000);
    for (const c of e.apiCalls) {
      this.#awsCalls.inc({ service: c.service, operation: c.operation, outcome: c.status });
      if (c.status === "denied")
        this.#denials.inc({ principal: e.principal, service: c.service, operation: c.operation });
    }
    for (const l of this.#listeners) l(e);
  }
}
