import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getElasticPathStore, listElasticPathStores } from "@/db/queries/elastic-path";
import { elasticPathStores } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { NotFound } from "@/lib/auth/errors";
import { elasticPathClientFor, sealElasticPathSecret, unsealElasticPathSecret } from "@/lib/connections/elastic-path";
import { UserError } from "@/lib/errors";
import { NotFound as ProviderNotFound, Unauthorized, isGatewayError, userMessage } from "@/lib/gateway/errors";
import { writeAudit } from "@/lib/services/audit/write";
import type { ConnectStoreInput } from "@/lib/validations/elastic-path";

/**
 * A merchant's Elastic Path stores (seed 004). Connecting or rotating a store's credential first proves it works
 * ("test connection"), so the credential in use is replaced only by one that is known to work: rotation without
 * downtime. Every change is audited; the credential is sealed, bound to its row, and shown back as its last four.
 */

export interface StoreView {
  id: string;
  name: string;
  environment: "sandbox" | "production";
  apiBase: string | null;
  clientId: string;
  tokenMasked: string;
  updatedAt: string;
}

const mask = (s: string) => `••••••••${s.length > 8 ? s.slice(-4) : ""}`;

export async function storeViews(merchantId: string): Promise<StoreView[]> {
  const rows = await listElasticPathStores({ merchantId });
  return rows.map((r) => {
    let tokenMasked = "(cannot be opened with the current key)";
    try {
      tokenMasked = mask(unsealElasticPathSecret(r.credentialsEnc, r.id).accessToken);
    } catch {
      // A row sealed under a retired key: the screen says so; re-entering the token fixes it.
    }
    return {
      id: r.id,
      name: r.name,
      environment: r.environment,
      apiBase: r.apiBase,
      clientId: r.clientId,
      tokenMasked,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export interface ConnectionTest {
  ok: boolean;
  /** What the service answered, in words. */
  answer: string;
}

/**
 * The one harmless documented call: seed 004's payments endpoint for an order that cannot exist (the nil UUID). A
 * valid token is answered "order not found" (404); a refused one 401. No payment can result.
 */
export async function testElasticPathCredentials(store: {
  environment: "sandbox" | "production";
  apiBase: string | null;
  accessToken: string;
}): Promise<ConnectionTest> {
  try {
    const client = elasticPathClientFor(store);
    await client.pay("00000000-0000-0000-0000-000000000000", { method: "purchase", payment: "0|0" });
    return { ok: false, answer: "Elastic Path accepted a payment for an order that cannot exist." };
  } catch (err) {
    if (err instanceof ProviderNotFound) return { ok: true, answer: "Connected: the token was accepted." };
    if (err instanceof Unauthorized) return { ok: false, answer: "Elastic Path refused the access token (401)." };
    if (isGatewayError(err)) return { ok: false, answer: userMessage(err) };
    return { ok: false, answer: err instanceof Error ? err.message : "The store could not be reached." };
  }
}

export async function connectElasticPathStore(
  ctx: MerchantContext,
  input: Omit<ConnectStoreInput, "merchantId">,
): Promise<{ storeId: string; test: ConnectionTest }> {
  if (input.environment === "production" && !input.apiBase) input = { ...input, apiBase: undefined };
  const existing = input.storeId
    ? await getElasticPathStore({ merchantId: ctx.merchant.id, storeId: input.storeId })
    : null;
  if (input.storeId && !existing) throw new NotFound();
  const candidate = { environment: input.environment, apiBase: input.apiBase ?? null, accessToken: input.accessToken };
  const test = await testElasticPathCredentials(candidate);
  if (!test.ok) {
    // The credential in use (if any) stays: nothing changes until a new one tests OK.
    throw new UserError("invalid", `Not saved: ${test.answer}`, { accessToken: [test.answer] });
  }
  const storeId = existing?.id ?? crypto.randomUUID();
  const sealed = sealElasticPathSecret({ accessToken: input.accessToken }, storeId);
  await getDb().transaction(async (tx) => {
    if (existing) {
      await tx
        .update(elasticPathStores)
        .set({
          name: input.name,
          environment: input.environment,
          apiBase: input.apiBase ?? null,
          clientId: input.clientId,
          credentialsEnc: sealed,
          updatedAt: new Date(),
        })
        .where(and(eq(elasticPathStores.id, storeId), eq(elasticPathStores.merchantId, ctx.merchant.id)));
    } else {
      await tx.insert(elasticPathStores).values({
        id: storeId,
        merchantId: ctx.merchant.id,
        name: input.name,
        environment: input.environment,
        apiBase: input.apiBase ?? null,
        clientId: input.clientId,
        credentialsEnc: sealed,
      });
    }
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: ctx.merchant.id,
      partnerId: ctx.merchant.partnerId,
      action: existing ? "elasticpath.credentials_rotated" : "elasticpath.store_connected",
      targetType: "elastic_path_store",
      targetId: storeId,
      before: existing
        ? { name: existing.name, environment: existing.environment, clientId: existing.clientId }
        : undefined,
      after: {
        name: input.name,
        environment: input.environment,
        clientId: input.clientId,
        token: mask(input.accessToken),
      },
    });
  });
  return { storeId, test };
}

export async function testElasticPathStore(ctx: MerchantContext, storeId: string): Promise<ConnectionTest> {
  const row = await getElasticPathStore({ merchantId: ctx.merchant.id, storeId });
  if (!row) throw new NotFound();
  const { accessToken } = unsealElasticPathSecret(row.credentialsEnc, row.id);
  return testElasticPathCredentials({ environment: row.environment, apiBase: row.apiBase, accessToken });
}

/** The store's client, for the services that pay through it. */
export async function elasticPathClientForStore(merchantId: string, storeId: string) {
  const row = await getElasticPathStore({ merchantId, storeId });
  if (!row) throw new NotFound();
  const { accessToken } = unsealElasticPathSecret(row.credentialsEnc, row.id);
  return {
    store: row,
    client: elasticPathClientFor({ environment: row.environment, apiBase: row.apiBase, accessToken }),
  };
}
