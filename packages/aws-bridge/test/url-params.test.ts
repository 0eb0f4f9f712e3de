import { describe, expect, it } from "vitest";
import { AwsBridgeError } from "../src/errors.js";
import { checkUrlParams, hasUrlParams } from "../src/url-params.js";

const sqs = new URL("https://sqs.eu-west-1.amazonaws.com/");

function code(service: string, params: Record<string, unknown>, endpoint = sqs): string | null {
  try {
    checkUrlParams(service, params, endpoint);
    return null;
  } catch (err) {
    return err instanceof AwsBridgeError ? err.code : "other";
  }
}

describe("URL-valued parameters", () => {
  it("accepts a QueueUrl on the resolved SQS endpoint", () => {
    expect(code("sqs", { QueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/q" })).toBeNull();
  });

  it("refuses QueueUrls that point anywhere else", () => {
    for (const url of [
      "https://evil.example/123456789012/q",
      "https://sqs.us-east-1.amazonaws.com/123456789012/q",
      "http://sqs.eu-west-1.amazonaws.com/123456789012/q",
      "https://sqs.eu-west-1.amazonaws.com.evil.example/q",
      "https://sqs.eu-west-1.amazonaws.com:8443/q",
      "https://user:pw@sqs.eu-west-1.amazonaws.com/q",
      "https://x@evil.example:443/#sqs.eu-west-1.amazonaws.com",
      "not a url",
      "",
    ]) {
      expect(code("sqs", { QueueUrl: url }), url).toBe("InvalidParameterValue");
    }
    expect(code("sqs", { QueueUrl: 5 })).toBe("InvalidParameterValue");
  });

  it("checks any *Url / *URL / Endpoint parameter that holds a URL", () => {
    expect(code("lambda", { SomeUrl: "https://evil.example/" })).toBe("InvalidParameterValue");
    expect(code("ecs", { Endpoint: "http://169.254.169.254/" })).toBe("InvalidParameterValue");
    expect(code("ecs", { CallbackURL: "https://evil.example/" })).toBe("InvalidParameterValue");
    expect(code("ecs", { Endpoint: "not-a-url" })).toBeNull();
  });

  it("leaves data URLs that AWS (not the SDK) reads alone", () => {
    expect(code("cloudformation", { TemplateURL: "https://bucket.s3.amazonaws.com/t.yaml" })).toBeNull();
    expect(code("sns", { Endpoint: "https://hooks.example.com/x" })).toBeNull();
    expect(hasUrlParams("sns", { Endpoint: "x" })).toBe(false);
    expect(hasUrlParams("sqs", { QueueUrl: "x" })).toBe(true);
    expect(hasUrlParams("s3", { Bucket: "x" })).toBe(false);
  });

  it("compares against operator endpoint overrides exactly", () => {
    const local = new URL("http://127.0.0.1:4566");
    expect(code("sqs", { QueueUrl: "http://127.0.0.1:4566/000000000000/q" }, local)).toBeNull();
    expect(code("sqs", { QueueUrl: "http://127.0.0.1:4567/000000000000/q" }, local)).toBe(
      "InvalidParameterValue",
    );
  });
});
