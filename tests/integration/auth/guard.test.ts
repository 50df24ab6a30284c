import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import { Forbidden, NotFound, Unauthenticated } from "@/lib/auth/errors";
import { authorize } from "@/lib/auth/guard";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
});
afterAll(closeDb);

describe("authorize", () => {
  it("lets a merchant admin act in their merchant", async () => {
    const ctx = await authorize(t.adminA.claims, { merchantId: t.merchantA }, "settings:manage");
    expect(ctx.merchant.id).toBe(t.merchantA);
    expect(ctx.role).toBe("merchant_admin");
    expect(ctx.via).toBe("membership");
  });

  it("answers NotFound to a user of another merchant, an unknown id and a malformed id", async () => {
    await expect(authorize(t.adminB.claims, { merchantId: t.merchantA }, "merchant:view")).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(
      authorize(t.adminA.claims, { merchantId: "00000000-0000-4000-8000-000000000000" }, "merchant:view"),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      authorize(t.adminA.claims, { merchantId: "'; drop table users; --" }, "merchant:view"),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it("refuses staff the settings and team permissions but allows daily work", async () => {
    await expect(authorize(t.staffA.claims, { merchantId: t.merchantA }, "settings:manage")).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(authorize(t.staffA.claims, { merchantId: t.merchantA }, "team:manage")).rejects.toBeInstanceOf(
      Forbidden,
    );
    const ctx = await authorize(t.staffA.claims, { merchantId: t.merchantA }, "transactions:charge");
    expect(ctx.role).toBe("merchant_staff");
  });

  it("lets partner admins into every merchant of their partner and agents only into assigned ones", async () => {
    const viaAdmin = await authorize(t.partnerAdmin.claims, { merchantId: t.merchantB }, "merchant:view");
    expect(viaAdmin.via).toBe("partner");
    expect(viaAdmin.role).toBe("merchant_admin");
    const viaAgent = await authorize(t.agent.claims, { merchantId: t.merchantA }, "merchant:view");
    expect(viaAgent.role).toBe("merchant_staff");
    await expect(authorize(t.agent.claims, { merchantId: t.merchantB }, "merchant:view")).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(
      authorize(t.otherPartnerAdmin.claims, { merchantId: t.merchantA }, "merchant:view"),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it("scopes partner access: agents are marked for filtering, outsiders get NotFound, merchant users too", async () => {
    const agent = await authorize(t.agent.claims, { partnerId: t.partnerId }, "partner:view");
    expect(agent.agentUserId).toBe(t.agent.id);
    await expect(authorize(t.agent.claims, { partnerId: t.partnerId }, "partner:assign")).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(
      authorize(t.otherPartnerAdmin.claims, { partnerId: t.partnerId }, "partner:view"),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(authorize(t.adminA.claims, { partnerId: t.partnerId }, "partner:view")).rejects.toBeInstanceOf(
      NotFound,
    );
  });

  it("rejects anonymous callers, revoked sessions and disabled users", async () => {
    await expect(authorize(null, { merchantId: t.merchantA }, "merchant:view")).rejects.toBeInstanceOf(Unauthenticated);
    const db = getDb();
    await db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, t.staffA.id));
    await expect(authorize(t.staffA.claims, { merchantId: t.merchantA }, "merchant:view")).rejects.toBeInstanceOf(
      Unauthenticated,
    );
    await db.update(users).set({ disabled: true }).where(eq(users.id, t.adminB.id));
    await expect(authorize(t.adminB.claims, { merchantId: t.merchantB }, "merchant:view")).rejects.toBeInstanceOf(
      Unauthenticated,
    );
  });
});
