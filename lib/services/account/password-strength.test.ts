import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-strength";

/**
 * Finding 12 (last part) of the security review: the common-password check was a 37-entry list, so every variant an
 * attacker's dictionary tries first passed it. Judged now by zxcvbn-ts on the server.
 */
describe("password strength (zxcvbn-ts, server side)", () => {
  it.each([
    "Password2024!",
    "P@ssw0rd12345",
    "qwertyuiop1234567",
    "iloveyou12345678",
    "1qaz2wsx3edc4rfv",
    "Password1234",
    "demo-pass-2026",
    "aaaaaaaaaaaaaaaa",
    "merchantportal2026",
  ])("refuses %j, which a guessing attack finds early", (p) => {
    expect(passwordProblem(p, "someone@example.test")).toMatch(/too common or too easy to guess/);
  });

  it("refuses passwords built on the user's own email name", () => {
    expect(passwordProblem("jsmithjsmith2026", "jsmith@example.test")).toMatch(/too easy to guess|email/);
    expect(passwordProblem("owner@acme.test", "owner@acme.test")).toMatch(/email/);
  });

  it.each(["maple-syrup-river-9", "zebra-quantum-47-lamp", "Tr0ub4dor&3xyz-tide"])("accepts %j", (p) => {
    expect(passwordProblem(p, "someone@example.test")).toBeNull();
  });

  it("keeps the length rule first", () => {
    expect(passwordProblem("short-pass", "a@b.test")).toMatch(/12/);
  });
});
