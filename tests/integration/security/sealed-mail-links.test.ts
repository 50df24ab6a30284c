import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { invoiceLinks, mailMessages } from "@/db/schema";
import { currentKeyId, seal, unseal } from "@/lib/crypto/keys";
import { createLink, currentPayLink, hashToken } from "@/lib/services/invoices/links";
import { MAIL_SEAL_PURPOSE, mailPayloadBinding } from "@/lib/services/mail/sealing";
import { reencryptSealedColumns } from "@/lib/services/security/reencrypt";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * Finding 10 for the sealed values mail brought (issue 15): a pay link kept for the merchant's copy button
 * (`invoice_links.token_enc`) and a queued message's content (`mail_messages.payload_enc`) are bound to their rows
 * like the credentials, so a ciphertext moved to another merchant's invoice or another message does not open; values
 * sealed before the binding (live links, undelivered mail) are re-sealed on start, and follow a key rotation.
 */

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants("fluidpay");
});
afterAll(async () => {
  await closeDb();
});

async function linkRow(merchantId: string, invoiceId: string) {
  const [row] = await getDb()
    .select()
    .from(invoiceLinks)
    .where(and(eq(invoiceLinks.merchantId, merchantId), eq(invoiceLinks.invoiceProviderId, invoiceId)));
  return row!;
}

async function queuedMessage(payloadEnc: (id: string) => string): Promise<string> {
  const id = randomUUID();
  await getDb()
    .insert(mailMessages)
    .values({
      id,
      template: "test",
      to: `sealed-${id}@example.test`,
      subject: "Sealed",
      idempotencyKey: `sealed-${id}`,
      payloadEnc: payloadEnc(id),
    });
  return id;
}

async function payloadOf(id: string): Promise<string> {
  const [row] = await getDb().select({ p: mailMessages.payloadEnc }).from(mailMessages).where(eq(mailMessages.id, id));
  return row!.p!;
}

describe("pay links kept for the copy button are bound to their invoice", () => {
  it("a token sealed for merchant A's invoice, copied into merchant B's link row, is not shown to B", async () => {
    const invA = `inv-a-${randomUUID()}`;
    const invB = `inv-b-${randomUUID()}`;
    const a = await createLink(getDb(), { merchantId: t.merchantA, invoiceId: invA, dueAt: null });
    await createLink(getDb(), { merchantId: t.merchantB, invoiceId: invB, dueAt: null });
    expect((await currentPayLink({ merchantId: t.merchantA, invoiceId: invA }))?.url).toBe(a.url);

    const stolen = (await linkRow(t.merchantA, invA)).tokenEnc!;
    await getDb()
      .update(invoiceLinks)
      .set({ tokenEnc: stolen })
      .where(and(eq(invoiceLinks.merchantId, t.merchantB), eq(invoiceLinks.invoiceProviderId, invB)));
    await expect(currentPayLink({ merchantId: t.merchantB, invoiceId: invB })).rejects.toThrow();
  });

  it("re-seals a live link sealed before the binding, which then opens bound", async () => {
    const inv = `inv-legacy-${randomUUID()}`;
    const made = await createLink(getDb(), { merchantId: t.merchantA, invoiceId: inv, dueAt: null });
    const token = new URL(made.url).pathname.split("/").pop()!;
    // As mail's first version stored it: sealed for the purpose only.
    await getDb()
      .update(invoiceLinks)
      .set({ tokenEnc: seal(token, "invoice-pay-link") })
      .where(eq(invoiceLinks.tokenHash, hashToken(token)));
    await expect(currentPayLink({ merchantId: t.merchantA, invoiceId: inv })).rejects.toThrow();

    const report = await reencryptSealedColumns(getDb());
    expect(report.payLinks).toBeGreaterThanOrEqual(1);
    expect((await linkRow(t.merchantA, inv)).tokenEnc!.startsWith(`v2.${currentKeyId()}.`)).toBe(true);
    expect((await currentPayLink({ merchantId: t.merchantA, invoiceId: inv }))?.url).toBe(made.url);
    expect((await reencryptSealedColumns(getDb())).payLinks).toBe(0);
  });
});

describe("queued mail content is bound to its message", () => {
  it("content sealed for one message does not open as another's; unbound content is re-sealed bound", async () => {
    const first = await queuedMessage((id) => seal('{"subject":"first"}', MAIL_SEAL_PURPOSE, mailPayloadBinding(id)));
    const second = await queuedMessage((id) => seal('{"subject":"second"}', MAIL_SEAL_PURPOSE, mailPayloadBinding(id)));
    expect(unseal(await payloadOf(first), MAIL_SEAL_PURPOSE, mailPayloadBinding(first))).toContain("first");
    const moved = await payloadOf(first);
    expect(() => unseal(moved, MAIL_SEAL_PURPOSE, mailPayloadBinding(second))).toThrow();

    const legacy = await queuedMessage(() => seal('{"subject":"legacy"}', MAIL_SEAL_PURPOSE));
    const report = await reencryptSealedColumns(getDb());
    expect(report.mailPayloads).toBeGreaterThanOrEqual(1);
    expect(unseal(await payloadOf(legacy), MAIL_SEAL_PURPOSE, mailPayloadBinding(legacy))).toContain("legacy");
    await getDb()
      .delete(mailMessages)
      .where(inArray(mailMessages.id, [first, second, legacy]));
  });
});
