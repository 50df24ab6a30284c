import { describe, expect, it } from "vitest";
import { cardpointeRoots, cardpointeUrls } from "./cardpointe/urls";
import {
  assertUrlMatchesEnvironment,
  cardpointeRootsFor,
  fluidpayBaseUrl,
  GatewayConfigError,
  gatewayFor,
} from "./index";

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

  it("refuses incomplete CardPointe credentials", () => {
    expect(() => gatewayFor({ family: "cardpointe", environment: "sandbox", credentials: {} })).toThrow(
      /CardPointe credentials need merchid, site, username and password/,
    );
  });
});

const cp = { merchid: "496160873888", site: "corner", username: "u", password: "p", terminalApiKey: "k", hsn: "H1" };

describe("CardPointe hosts", () => {
  it("builds the emulator's UAT prefix for sandbox merchants and the vendor hosts for production", () => {
    expect(
      cardpointeRootsFor(
        { family: "cardpointe", environment: "sandbox", appUrl: "http://x:3000/", credentials: cp },
        "corner",
      ),
    ).toEqual({
      connect: "http://x:3000/sandbox/cardpointe/corner-uat",
      terminal: "http://x:3000/sandbox/cardpointe/corner-uat",
    });
    expect(cardpointeRootsFor({ family: "cardpointe", environment: "production", credentials: cp }, "corner")).toEqual({
      connect: "https://corner.cardconnect.com",
      terminal: "https://corner.cardpointe.com",
    });
    expect(cardpointeUrls(cardpointeRoots("uat", "fts"))).toEqual({
      gateway: "https://fts-uat.cardconnect.com/cardconnect/rest",
      tokenize: "https://fts-uat.cardconnect.com/cardsecure/api/v1/ccn/tokenize",
      terminal: "https://fts-uat.cardpointe.com/api/v3",
      itoke: "https://fts-uat.cardconnect.com/itoke/ajax-tokenizer.html",
    });
  });

  it("lets a sandbox merchant use the vendor's UAT host, and follows it for the terminal host", () => {
    expect(
      cardpointeRootsFor(
        {
          family: "cardpointe",
          environment: "sandbox",
          baseUrl: "https://fts-uat.cardconnect.com/cardconnect/rest",
          credentials: cp,
        },
        "fts",
      ),
    ).toEqual({ connect: "https://fts-uat.cardconnect.com", terminal: "https://fts-uat.cardpointe.com" });
  });

  it("never points a production MID at a sandbox or UAT host, nor a sandbox MID at production", () => {
    for (const baseUrl of [
      "https://portal.example.com/sandbox/cardpointe/corner",
      "https://portal.example.com/sandbox/cardpointe/corner-uat",
      "https://corner-uat.cardconnect.com",
      "http://corner.cardconnect.com",
      "https://corner.evil.com",
    ]) {
      expect(() => gatewayFor({ family: "cardpointe", environment: "production", baseUrl, credentials: cp })).toThrow(
        GatewayConfigError,
      );
    }
    expect(() =>
      gatewayFor({
        family: "cardpointe",
        environment: "sandbox",
        baseUrl: "https://corner.cardconnect.com",
        credentials: cp,
      }),
    ).toThrow(/sandbox merchant cannot use the production URL/);
  });

  it("builds a CardPointe adapter with its capabilities and the itoke iframe as tokenizer", () => {
    const a = gatewayFor({
      family: "cardpointe",
      environment: "sandbox",
      appUrl: "http://127.0.0.1:3000",
      credentials: cp,
    });
    expect(a.family).toBe("cardpointe");
    expect(a.capabilities).toMatchObject({
      invoices: false,
      recurring: false,
      fileBatch: false,
      vault: true,
      terminals: true,
    });
    expect(a.tokenizerConfig()).toMatchObject({
      family: "cardpointe",
      url: "http://127.0.0.1:3000/sandbox/cardpointe/corner-uat/itoke/ajax-tokenizer.html?useexpiry=true&usecvv=true&tokenizewheninactive=true",
      publicKey: "",
    });
    expect(() =>
      gatewayFor({
        family: "cardpointe",
        environment: "sandbox",
        appUrl: "http://x",
        credentials: { ...cp, site: "a/b" },
      }),
    ).toThrow(GatewayConfigError);
  });
});
