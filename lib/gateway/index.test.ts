import { describe, expect, it } from "vitest";
import { assertUrlMatchesEnvironment, fluidpayBaseUrl, GatewayConfigError, gatewayFor } from "./index";

const creds = { apiKey: "api_1", publicKey: "pub_1" };

describe("fluidpayBaseUrl", () => {
  it("points sandbox merchants at the embedded emulator and production at the vendor", () => {
    expect(fluidpayBaseUrl("sandbox", "http://localhost:3000/")).toBe("http://localhost:3000/sandbox/gateway/api");
    expect(fluidpayBaseUrl("production", "http://localhost:3000")).toBe("https://app.fluidpay.com/api");
    expect(fluidpayBaseUrl("production", "x", "https://api.fluidpay.com/api/")).toBe("https://api.fluidpay.com/api");
  });
});

describe("environment guard", () => {
  it("never gives a production merchant a sandbox URL", () => {
    for (const url of [
      "https://portal.example.com/sandbox/gateway/api",
      "https://sandbox.fluidpay.com/api",
      "http://app.fluidpay.com/api",
    ]) {
      expect(() =>
        gatewayFor({ family: "fluidpay", environment: "production", baseUrl: url, credentials: creds }),
      ).toThrow(GatewayConfigError);
    }
    expect(() => fluidpayBaseUrl("production", "x", "https://portal.example.com/sandbox/gateway/api")).toThrow(
      GatewayConfigError,
    );
  });

  it("never gives a sandbox merchant a production URL", () => {
    expect(() =>
      gatewayFor({
        family: "fluidpay",
        environment: "sandbox",
        baseUrl: "https://app.fluidpay.com/api",
        credentials: creds,
      }),
    ).toThrow(/sandbox merchant cannot use/);
    expect(() => assertUrlMatchesEnvironment("sandbox", "https://sandbox.fluidpay.com/api")).not.toThrow();
  });

  it("builds a FluidPay adapter from the environment and refuses swapped keys", () => {
    const a = gatewayFor({
      family: "fluidpay",
      environment: "sandbox",
      appUrl: "http://127.0.0.1:3000",
      credentials: creds,
    });
    expect(a.family).toBe("fluidpay");
    expect(a.capabilities.invoices).toBe(true);
    expect(a.tokenizerConfig().scriptUrl).toBe("http://127.0.0.1:3000/sandbox/gateway/tokenizer/tokenizer.js");
    expect(() =>
      gatewayFor({
        family: "fluidpay",
        environment: "sandbox",
        appUrl: "http://x",
        credentials: { apiKey: "pub_1", publicKey: "pub_1" },
      }),
    ).toThrow(/private api_ key/);
  });

  it("says clearly that CardPointe is not implemented yet", () => {
    expect(() => gatewayFor({ family: "cardpointe", environment: "sandbox", credentials: {} })).toThrow(
      /CardPointe gateway adapter is not implemented yet/,
    );
  });
});
