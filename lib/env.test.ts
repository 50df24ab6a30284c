import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("env", () => {
  it("defaults sandboxes on outside production and off in production", () => {
    expect(parseEnv({}).sandboxEnabled).toBe(true);
    expect(parseEnv({ NODE_ENV: "production" }).sandboxEnabled).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SANDBOX: "on" }).sandboxEnabled).toBe(true);
  });

  it("names the bad variable in its message", () => {
    expect(() => parseEnv({ PORT: "not-a-port" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "not-a-port" })).toThrow(/PORT/);
    expect(() => parseEnv({ CREDENTIALS_KEY: "short" })).toThrow(/CREDENTIALS_KEY: must be 32 bytes/);
  });

  it("builds the app URL from PORT when APP_URL is unset", () => {
    expect(parseEnv({ PORT: "4100" }).appUrl).toBe("http://localhost:4100");
    expect(parseEnv({ APP_URL: "https://portal.example.com/" }).appUrl).toBe("https://portal.example.com");
  });
});
