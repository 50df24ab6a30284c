import { createCipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { elasticPathStores, merchants, mfaFactors } from "@/db/schema";
import { currentKeyId, needsReseal } from "@/lib/crypto/keys";
import { resetEnvCache } from "@/lib/env";
import { startEnrolment } from "@/lib/services/account/mfa";
import { unsealCredentials } from "@/lib/connections/credentials";
import { sealElasticPathSecret, unsealElasticPathSecret } from "@/lib/connections/elastic-path";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { provisionSandboxMerchant } from "@/lib/services/merchants/provision-sandbox";
import { reencryptSealedColumns } from "@/lib/services/security/reencrypt";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Finding 10 of the security review: credentials were sealed without associated data, so a ciphertext could be moved
 * between rows or merchants. Now each is bound to its row; earlier values are migrated on start and by
 * `npm run credentials:reencrypt`, which also moves everything to a rotated key.
 */

let t: Tenants;
const original = process.env.CREDENTIALS_KEY as string;

openForFile(servePortalOrigin);
beforeAll(async () => {
  t = await makeTenants("fluidpay");
  for (const id of [t.merchantA, t.merchantB]) {
    const p = await provisionSandboxMerchant({ id, name: `Crypto ${id.slice(0, 4)}`, gateway: "fluidpay" });
    await getDb().update(merchants).set({ mid: p.mid, credentialsEnc: p.credentialsEnc }).where(eq(merchants.id, id));
  }
});
afterEach(() => {
  process.env.CREDENTIALS_KEY = original;
  delete process.env.CREDENTIALS_KEY_PREVIOUS;
  resetEnvCache();
});

async function stored(id: string): Promise<string> {
  const [m] = await getDb().select({ c: merchants.credentialsEnc }).from(merchants).where(eq(merchants.id, id));
  return m?.c as string;
}

/** The earlier format (`v1`, no associated data), as rows written before this change hold it. */
function sealV1(plaintext: string, purpose: string): string {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(original, "base64"), Buffer.alloc(0), purpose, 32));
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
  return ["v1", iv, c.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

async function storedStoreToken(id: string): Promise<string> {
  const [row] = await getDb()
    .select({ enc: elasticPathStores.credentialsEnc })
    .from(elasticPathStores)
    .where(eq(elasticPathStores.id, id));
  return row!.enc;
}

describe("sealed credentials bound to their rows", () => {
  it("a ciphertext copied from merchant A's row into merchant B's does not open", async () => {
    const a = await stored(t.merchantA);
    const b = await stored(t.merchantB);
    await getDb().update(merchants).set({ credentialsEnc: a }).where(eq(merchants.id, t.merchantB));
    try {
      await expect(gatewayForMerchant(t.merchantB)).rejects.toThrow();
      expect(() => unsealCredentials(a, t.merchantB)).toThrow();
      await expect(gatewayForMerchant(t.merchantA)).resolves.toBeTruthy();
    } finally {
      await getDb().update(merchants).set({ credentialsEnc: b }).where(eq(merchants.id, t.merchantB));
    }
  });

  it("migrates earlier unbound values: refused by bound reads until re-encrypted, then bound and working", async () => {
    const plain = JSON.stringify(unsealCredentials(await stored(t.merchantA), t.merchantA));
    const legacy = sealV1(plain, "merchant-credentials");
    await getDb().update(merchants).set({ credentialsEnc: legacy }).where(eq(merchants.id, t.merchantA));
    await startEnrolment(t.adminA.id);
    const [f] = await getDb().select().from(mfaFactors).where(eq(mfaFactors.userId, t.adminA.id));
    await getDb()
      .update(mfaFactors)
      .set({ secretEnc: sealV1("JBSWY3DPEHPK3PXP", "mfa-totp-secret") })
      .where(eq(mfaFactors.userId, t.adminA.id));
    expect(f).toBeTruthy();

    await expect(gatewayForMerchant(t.merchantA)).rejects.toThrow(/reencrypt/);
    const report = await reencryptSealedColumns(getDb());
    expect(report.merchantCredentials).toBeGreaterThanOrEqual(1);
    expect(report.mfaSecrets).toBeGreaterThanOrEqual(1);
    const now = await stored(t.merchantA);
    expect(now.startsWith(`v2.${currentKeyId()}.`)).toBe(true);
    expect(JSON.stringify(unsealCredentials(now, t.merchantA))).toBe(plain);
    await expect(gatewayForMerchant(t.merchantA)).resolves.toBeTruthy();
    // A second run finds nothing left to do.
    expect(await reencryptSealedColumns(getDb())).toMatchObject({
      merchantCredentials: 0,
      partnerCredentials: 0,
      mfaSecrets: 0,
    });
  });

  it("rotates CREDENTIALS_KEY: the previous key keeps reads working, re-encryption moves every row to the new key", async () => {
    const storeId = randomUUID();
    await getDb()
      .insert(elasticPathStores)
      .values({
        id: storeId,
        merchantId: t.merchantA,
        name: "Rotation store",
        environment: "sandbox",
        clientId: "rotation",
        credentialsEnc: sealElasticPathSecret({ accessToken: "ep_rotation-test-token" }, storeId),
      });
    const fresh = randomBytes(32).toString("base64");
    process.env.CREDENTIALS_KEY = fresh;
    process.env.CREDENTIALS_KEY_PREVIOUS = original;
    resetEnvCache();
    await expect(gatewayForMerchant(t.merchantA)).resolves.toBeTruthy();
    expect(needsReseal(await stored(t.merchantA))).toBe(true);
    expect(needsReseal(await storedStoreToken(storeId))).toBe(true);
    const report = await reencryptSealedColumns(getDb());
    expect(report.merchantCredentials).toBeGreaterThanOrEqual(2);
    // The Elastic Path store token (elastic_path_stores.credentials_enc) follows the rotation too.
    expect(report.elasticPathCredentials).toBeGreaterThanOrEqual(1);
    expect((await storedStoreToken(storeId)).split(".")[1]).toBe(currentKeyId());
    expect(unsealElasticPathSecret(await storedStoreToken(storeId), storeId).accessToken).toBe(
      "ep_rotation-test-token",
    );
    // The old key can go: everything opens with the new one alone.
    delete process.env.CREDENTIALS_KEY_PREVIOUS;
    resetEnvCache();
    for (const id of [t.merchantA, t.merchantB]) {
      expect((await stored(id)).split(".")[1]).toBe(currentKeyId());
      await expect(gatewayForMerchant(id)).resolves.toBeTruthy();
    }
    // Back to the suite's key for the other tests of this file (and re-seal under it).
    process.env.CREDENTIALS_KEY = original;
    process.env.CREDENTIALS_KEY_PREVIOUS = fresh;
    resetEnvCache();
    await reencryptSealedColumns(getDb());
  });

  it("`npm run credentials:reencrypt` runs the same step from the command line", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync("node_modules/.bin/tsx", ["lib/cli/reencrypt.ts"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /Re-sealed: \d+ merchant credentials, \d+ partner credentials, \d+ Elastic Path store tokens, \d+ two-factor secrets, \d+ pay links, \d+ queued messages, \d+ webhook signing secrets\./,
    );
  });
});
