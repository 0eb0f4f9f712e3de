import { describe, expect, it } from "vitest";
import { CallBudget } from "../src/budget.js";
import { DEFAULT_RUN_BUDGET } from "../src/config.js";
import { AwsBridgeError } from "../src/errors.js";
import { RateLimiter, TokenBucket } from "../src/rate-limit.js";

describe("call budget", () => {
  it("counts calls and refuses past maxCalls with CallBudgetExceeded", () => {
    const budget = new CallBudget({ ...DEFAULT_RUN_BUDGET, maxCalls: 3 });
    budget.count();
    budget.count();
    budget.count();
    let code: string | undefined;
    try {
      budget.count();
    } catch (err) {
      code = err instanceof AwsBridgeError ? err.code : undefined;
    }
    expect(code).toBe("CallBudgetExceeded");
    expect(budget.calls).toBe(3);
  });

  it("queues calls past the concurrency cap and runs them all (slow handler)", async () => {
    const budget = new CallBudget({ ...DEFAULT_RUN_BUDGET, maxConcurrentCalls: 3 });
    let running = 0;
    let maxRunning = 0;
    const gates: (() => void)[] = [];
    const order: number[] = [];
    const task = async (i: number) => {
      const release = await budget.acquire();
      running++;
      maxRunning = Math.max(maxRunning, running);
      order.push(i);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      release();
    };
    const all = Promise.all(Array.from({ length: 10 }, (_, i) => task(i)));
    // Let the first wave start.
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(3);
    expect(budget.queued).toBe(7);
    while (order.length < 10 || gates.length > 0) {
      const gate = gates.shift();
      if (gate) gate();
      await new Promise((r) => setImmediate(r));
    }
    await all;
    expect(maxRunning).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(budget.inFlight).toBe(0);
  });

  it("releases are idempotent", async () => {
    const budget = new CallBudget({ ...DEFAULT_RUN_BUDGET, maxConcurrentCalls: 1 });
    const release = await budget.acquire();
    release();
    release();
    expect(budget.inFlight).toBe(0);
  });
});

describe("rate limits", () => {
  it("token bucket: burst, then spacing at the rate", () => {
    const bucket = new TokenBucket({ perSecond: 2, burst: 2 }, 0);
    expect(bucket.reserve(0)).toBe(0);
    expect(bucket.reserve(0)).toBe(0);
    expect(bucket.reserve(0)).toBe(500);
    expect(bucket.reserve(0)).toBe(1000);
    // After refilling for 3 s the bucket is full again (capped at burst).
    expect(bucket.reserve(3000)).toBe(0);
    expect(bucket.reserve(3000)).toBe(0);
    expect(bucket.reserve(3000)).toBe(500);
  });

  it("rate limiter waits only for limited operations, per scope and region", async () => {
    let now = 0;
    const sleeps: number[] = [];
    const limiter = new RateLimiter(
      { "cloudtrail:LookupEvents": { perSecond: 2, burst: 2 } },
      {
        now: () => now,
        sleep: async (ms) => {
          sleeps.push(ms);
          now += ms;
        },
      },
    );
    for (let i = 0; i < 4; i++) await limiter.wait("cloudtrail:LookupEvents", "p1", "us-east-1");
    expect(sleeps).toEqual([500, 500]);
    sleeps.length = 0;
    await limiter.wait("CLOUDTRAIL:lookupevents", "p2", "us-east-1");
    await limiter.wait("cloudtrail:LookupEvents", "p1", "eu-west-1");
    for (let i = 0; i < 5; i++) await limiter.wait("s3:ListBuckets", "p1", "us-east-1");
    expect(sleeps).toEqual([]);
  });
});
