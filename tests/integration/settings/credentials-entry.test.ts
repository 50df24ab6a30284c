import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, merchants } from "@/db/schema";
import { updateFluidPayKeysAction, updateGiftCardStoreAction } from "@/lib/actions/integrations";
import { runAsSession } from "@/lib/auth/session";
import { unsealCredentials } from "@/lib/connections/credentials";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * Issue 22 §4: merchant admins enter Gateway API keys and the POSPointe store in Settings → Integrations. Nothing is
 * saved until the new credentials answer (GET /api/terminals, PUT /Auth/verify); saved ones are sealed to the row,
 * audited with secrets masked; staff cannot.
 */

let origin: Served;
let t: Tenants;
let creds: ReturnType<typeof unsealCredentials>;

beforeAll(async () => {
  origin = await servePortalOrigin();
  t = await makeTenants("fluidpay");
  const p = await provisionSandboxMerchant({ id: t.merchantA, name: "Keys Shop", gateway: "fluidpay" });
  await getDb()
    .update(merchants)
    .set({ mid: p.mid, credentialsEnc: p.credentialsEnc })
    .where(eq(merchants.id, t.merchantA));
  creds = unsealCredentials(p.credentialsEnc, t.merchantA);
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

const asAdmin = <T>(fn: () => Promise<T>) => runAsSession(t.adminA.claims, fn);
const storedEnc = async () =>
  (await getDb().select().from(merchants).where(eq(merchants.id, t.merchantA)))[0]!.credentialsEnc as string;
const lastAudit = async (action: string) =>
  (
    await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, t.merchantA), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0];

describe("credentials entry", () => {
  it("keeps the Gateway API keys until new ones answer; saves working keys, audited masked", async () => {
    if (creds.gateway.family !== "fluidpay") throw new Error("expected FluidPay");
    const before = await storedEnc();
    const bad = await asAdmin(() =>
      updateFluidPayKeysAction({ merchantId: t.merchantA, environment: "sandbox", apiKey: "api_not-a-real-key" }),
    );
    expect(bad.ok).toBe(false);
    expect(await storedEnc()).toBe(before);
    const shape = await asAdmin(() =>
      updateFluidPayKeysAction({ merchantId: t.merchantA, environment: "sandbox", apiKey: "pub_wrong-kind" }),
    );
    expect(shape).toMatchObject({ ok: false, code: "invalid" });
    const good = await asAdmin(() =>
      updateFluidPayKeysAction({
        merchantId: t.merchantA,
        environment: "sandbox",
        apiKey: creds.gateway.family === "fluidpay" ? creds.gateway.apiKey : "",
      }),
    );
    if (!good.ok) throw new Error(JSON.stringify(good));
    expect(good.data.results[0]).toMatchObject({ ok: true, call: "GET /api/terminals" });
    const audit = await lastAudit("merchant.gateway_keys_updated");
    expect(JSON.stringify(audit)).not.toContain(creds.gateway.apiKey);
    expect(unsealCredentials(await storedEnc(), t.merchantA).gateway).toMatchObject({ apiKey: creds.gateway.apiKey });
  });

  it("saves a POSPointe store only once PUT /Auth/verify answers for it", async () => {
    const gc = creds.giftcard!;
    const before = await storedEnc();
    const wrong = await asAdmin(() =>
      updateGiftCardStoreAction({
        merchantId: t.merchantA,
        username: gc.username,
        password: "wrong-password",
        franchiseeId: gc.franchiseeId,
        storeId: gc.storeId,
      }),
    );
    expect(wrong.ok).toBe(false);
    expect(await storedEnc()).toBe(before);
    const otherStore = await asAdmin(() =>
      updateGiftCardStoreAction({
        merchantId: t.merchantA,
        username: gc.username,
        franchiseeId: gc.franchiseeId,
        storeId: "not-this-store",
      }),
    );
    expect(otherStore.ok).toBe(false);
    const ok = await asAdmin(() =>
      updateGiftCardStoreAction({
        merchantId: t.merchantA,
        username: gc.username,
        franchiseeId: gc.franchiseeId,
        storeId: gc.storeId,
      }),
    );
    if (!ok.ok) throw new Error(JSON.stringify(ok));
    expect(ok.data.results[0]).toMatchObject({ ok: true, call: "PUT /Auth/verify" });
    const audit = await lastAudit("merchant.giftcard_store_updated");
    expect(JSON.stringify(audit)).not.toContain(gc.password);
    const staff = await runAsSession(t.staffA.claims, () =>
      updateGiftCardStoreAction({ merchantId: t.merchantA, username: "x", franchiseeId: "x", storeId: "x" }),
    );
    expect(staff.ok).toBe(false);
  });
});
