import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { UserError } from "@/lib/errors";
import { allowView, assertPayAllowed, LIMITS } from "@/lib/services/invoices/throttle";

afterAll(closeDb);

describe("pay page throttling (shared through PostgreSQL)", () => {
  it("stops a link after its view budget, while another link from the same address still opens", async () => {
    const link = randomUUID();
    const ip = `ip-${randomUUID()}`;
    for (let i = 0; i < LIMITS.viewToken; i++) expect(await allowView(link, ip)).toBe(true);
    expect(await allowView(link, ip)).toBe(false);
    expect(await allowView(randomUUID(), ip)).toBe(true);
  });

  it("refuses payment attempts past the per-link budget with a clear, rate_limited error", async () => {
    const link = randomUUID();
    const ip = `ip-${randomUUID()}`;
    await Promise.all(Array.from({ length: LIMITS.payToken }, () => assertPayAllowed(link, ip)));
    const err = await assertPayAllowed(link, ip).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: "rate_limited" });
  });

  it("refuses an address that tries many links", async () => {
    const ip = `ip-${randomUUID()}`;
    for (let i = 0; i < LIMITS.payIp; i++) await assertPayAllowed(randomUUID(), ip);
    await expect(assertPayAllowed(randomUUID(), ip)).rejects.toMatchObject({ code: "rate_limited" });
  });
});
