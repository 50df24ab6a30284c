import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { appLink, mailFrom, mailStartupProblem, messageIdDomain } from "./config";

describe("mail configuration", () => {
  it("refuses to start with the sandboxes off and no SMTP_URL or APP_URL, naming what is missing", () => {
    const prod = parseEnv({ NODE_ENV: "production" });
    expect(mailStartupProblem(prod)).toMatch(/^SMTP_URL and APP_URL must be set/);
    const noSmtp = parseEnv({ NODE_ENV: "production", APP_URL: "https://portal.example.com" });
    expect(mailStartupProblem(noSmtp)).toMatch(/^SMTP_URL must be set/);
    const ok = parseEnv({
      NODE_ENV: "production",
      APP_URL: "https://portal.example.com",
      SMTP_URL: "smtps://user:pass@smtp.example.com:465",
    });
    expect(mailStartupProblem(ok)).toBeNull();
    // Sandbox mode: `npm start` runs the demo catcher.
    expect(mailStartupProblem(parseEnv({}))).toBeNull();
    expect(mailStartupProblem(parseEnv({ NODE_ENV: "production", SANDBOX: "on" }))).toBeNull();
  });

  it("accepts only smtp:// and smtps:// mail servers", () => {
    expect(() => parseEnv({ SMTP_URL: "http://smtp.example.com" })).toThrow(/SMTP_URL/);
    expect(parseEnv({ SMTP_URL: "smtp://localhost:1025" }).SMTP_URL).toBe("smtp://localhost:1025");
  });

  it("builds the sender, Message-ID domain and links from MAIL_FROM and APP_URL", () => {
    const e = parseEnv({ APP_URL: "https://portal.example.com/" });
    expect(mailFrom(e)).toBe('"Merchant Portal" <no-reply@portal.example.com>');
    expect(messageIdDomain(e)).toBe("portal.example.com");
    expect(appLink("/pay/abc", e)).toBe("https://portal.example.com/pay/abc");
    expect(appLink("account/invitations", e)).toBe("https://portal.example.com/account/invitations");
    const custom = parseEnv({ APP_URL: "https://portal.example.com", MAIL_FROM: "Billing <billing@acme.example>" });
    expect(mailFrom(custom)).toBe("Billing <billing@acme.example>");
    expect(messageIdDomain(custom)).toBe("acme.example");
  });
});
