import { describe, expect, it } from "vitest";
import { endpointUrlProblem, isNonPublicAddress } from "./url";

describe("endpoint URLs", () => {
  it("in production accepts public https URLs only", () => {
    expect(endpointUrlProblem("https://hooks.example.com/portal", false)).toBeNull();
    expect(endpointUrlProblem("https://93.184.216.34/x", false)).toBeNull();
    for (const bad of [
      "http://hooks.example.com/portal",
      "https://127.0.0.1/x",
      "https://localhost:8443/x",
      "https://10.1.2.3/x",
      "https://172.20.0.1/x",
      "https://192.168.1.10/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[fd00::1]/x",
      "https://[::ffff:127.0.0.1]/x",
      "https://user:pass@hooks.example.com/x",
      "ftp://hooks.example.com/x",
      "not a url",
    ]) {
      expect(endpointUrlProblem(bad, false), bad).not.toBeNull();
    }
  });

  it("in sandbox mode allows http and loopback (a receiver on this machine)", () => {
    expect(endpointUrlProblem("http://127.0.0.1:4000/hooks", true)).toBeNull();
    expect(endpointUrlProblem("http://localhost:4000/hooks", true)).toBeNull();
    expect(endpointUrlProblem("ftp://127.0.0.1/x", true)).not.toBeNull();
  });

  it("classifies resolved addresses", () => {
    expect(isNonPublicAddress("8.8.8.8")).toBe(false);
    expect(isNonPublicAddress("2606:4700::1111")).toBe(false);
    for (const a of [
      "127.0.0.1",
      "10.0.0.5",
      "100.64.1.1",
      "169.254.169.254",
      "::1",
      "fe80::1",
      "::ffff:10.0.0.1",
      "0.0.0.0",
    ]) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
  });
});
