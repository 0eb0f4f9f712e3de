import { describe, expect, it } from "vitest";
import { ClientPool } from "../src/client-pool.js";
import { AwsBridgeConfigSchema } from "../src/config.js";

function pool(config: object, env: Record<string, string> = {}): ClientPool {
  return new ClientPool(AwsBridgeConfigSchema.parse(config), env);
}

describe("endpoint configuration", () => {
  it("points every service at one configured endpoint", () => {
    const p = pool({ endpoint: "http://127.0.0.1:5000" });
    for (const service of ["s3", "logs", "elbv2", "stepfunctions", "sts"]) {
      expect(p.endpointOverride(service)).toBe("http://127.0.0.1:5000");
    }
  });

  it("lets per-service endpoints win over the single endpoint", () => {
    const p = pool({ endpoint: "http://127.0.0.1:5000", endpoints: { s3: "http://127.0.0.1:9000" } });
    expect(p.endpointOverride("s3")).toBe("http://127.0.0.1:9000");
    expect(p.endpointOverride("iam")).toBe("http://127.0.0.1:5000");
  });

  it("reads the SDK's standard variables when the config names none", () => {
    const env = {
      AWS_ENDPOINT_URL: "http://127.0.0.1:4566",
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: "http://127.0.0.1:7000",
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: "http://127.0.0.1:7001",
    };
    const p = pool({}, env);
    expect(p.endpointOverride("logs")).toBe("http://127.0.0.1:7000");
    expect(p.endpointOverride("elbv2")).toBe("http://127.0.0.1:7001");
    expect(p.endpointOverride("s3")).toBe("http://127.0.0.1:4566");
    expect(pool({ endpoint: "http://127.0.0.1:5000" }, env).endpointOverride("logs")).toBe(
      "http://127.0.0.1:5000",
    );
    expect(pool({}, {}).endpointOverride("s3")).toBeUndefined();
  });

  it("refuses a non-http endpoint in the config", () => {
    expect(AwsBridgeConfigSchema.safeParse({ endpoint: "file:///etc/passwd" }).success).toBe(false);
  });
});
