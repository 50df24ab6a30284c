import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getMerchantWithCredentials } from "@/db/queries/merchants";
import { merchants } from "@/db/schema";
import type { MerchantContext } from "@/lib/auth/guard";
import { NotFound } from "@/lib/auth/errors";
import { type MerchantCredentials, sealCredentials, unsealCredentials } from "@/lib/connections/credentials";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { gatewayFor, GatewayConfigError, type GatewayEnvironment } from "@/lib/gateway";
import { isCardPointeAdapter } from "@/lib/gateway/cardpointe/adapter";
import { isGatewayError, userMessage } from "@/lib/gateway/errors";
import { giftCardFor } from "@/lib/giftcard/adapter";
import { writeAudit } from "@/lib/services/audit/write";
import type { CardPointeConnectionInput, FluidPayKeysInput, GiftCardStoreInput } from "@/lib/validations/integrations";

/**
 * Settings → Integrations: what the merchant is connected to (environment, site, MID, masked credentials), a
 * "test connection" per service (one harmless documented call each), and the CardPointe connection form.
 * Credentials are replaced only after the new ones pass the same test (rotation without downtime: the old ones keep
 * working until then); each change is audited with secrets masked.
 */

const mask = (s: string | undefined | null) => (s ? `••••••••${s.length > 8 ? s.slice(-4) : ""}` : null);

export interface IntegrationsView {
  family: "fluidpay" | "cardpointe";
  environment: GatewayEnvironment;
  site: string | null;
  mid: string | null;
  configured: boolean;
  /** Non-secret identifiers and masked secrets, by label. */
  fields: { label: string; value: string }[];
  username: string | null;
  giftCardStore: string | null;
  /** Non-secret POSPointe identifiers, to prefill its form. */
  giftCard: { username: string; franchiseeId: string; storeId: string } | null;
}

export async function integrationsView(merchantId: string): Promise<IntegrationsView> {
  const m = await getMerchantWithCredentials({ merchantId });
  if (!m) throw new NotFound();
  let creds: MerchantCredentials | null = null;
  try {
    creds = m.credentialsEnc ? unsealCredentials(m.credentialsEnc, merchantId) : null;
  } catch {
    creds = null;
  }
  const fields: { label: string; value: string }[] = [];
  const g = creds?.gateway;
  if (g?.family === "cardpointe") {
    fields.push({ label: "API username", value: g.username });
    fields.push({ label: "API password", value: mask(g.password) ?? "—" });
    if (g.terminalApiKey) fields.push({ label: "Terminal API key", value: mask(g.terminalApiKey) ?? "—" });
    if (g.hsn) fields.push({ label: "Default terminal (HSN)", value: g.hsn });
  } else if (g?.family === "fluidpay") {
    fields.push({ label: "API key", value: mask(g.apiKey) ?? "—" });
    fields.push({ label: "Public key", value: mask(g.publicKey) ?? "—" });
  }
  if (creds?.giftcard) fields.push({ label: "POSPointe store", value: creds.giftcard.storeId });
  return {
    family: m.gateway,
    environment: m.environment,
    site: m.site,
    mid: m.mid,
    configured: !!creds,
    fields,
    username: g?.family === "cardpointe" ? g.username : null,
    giftCardStore: creds?.giftcard?.storeId ?? null,
    giftCard: creds?.giftcard
      ? {
          username: creds.giftcard.username,
          franchiseeId: creds.giftcard.franchiseeId,
          storeId: creds.giftcard.storeId,
        }
      : null,
  };
}

export interface ServiceTest {
  service: string;
  ok: boolean;
  /** The call made, e.g. "GET https://fts-uat.cardconnect.com/cardconnect/rest/inquireMerchant/…". */
  call: string;
  answer: string;
}

function failure(err: unknown): string {
  if (err instanceof GatewayConfigError) return err.message;
  if (isGatewayError(err)) return userMessage(err);
  return "The service could not be reached.";
}

async function testGateway(
  family: "fluidpay" | "cardpointe",
  environment: GatewayEnvironment,
  credentials: Record<string, string>,
): Promise<ServiceTest[]> {
  const out: ServiceTest[] = [];
  let adapter;
  try {
    adapter = gatewayFor({ family, environment, credentials });
  } catch (err) {
    return [{ service: "Gateway", ok: false, call: "—", answer: failure(err) }];
  }
  if (isCardPointeAdapter(adapter)) {
    const call = `GET ${adapter.gatewayUrl}/inquireMerchant/${credentials.merchid}`;
    try {
      const r = await adapter.inquireMerchant();
      out.push({
        service: "CardPointe Gateway",
        ok: r.enabled,
        call,
        answer: `MID ${r.merchid}${r.site ? ` on site ${r.site}` : ""}: ${r.enabled ? "enabled" : "not enabled"}${r.cardproc ? `, processor ${r.cardproc}` : ""}.`,
      });
    } catch (err) {
      out.push({ service: "CardPointe Gateway", ok: false, call, answer: failure(err) });
    }
    if (credentials.hsn && credentials.terminalApiKey) {
      const tcall = `POST …/api/v1/ping (${credentials.hsn})`;
      try {
        const up = await adapter.pingTerminal(credentials.hsn);
        out.push({
          service: "Integrated Terminal",
          ok: up,
          call: tcall,
          answer: up ? "The terminal answered." : "The terminal did not answer.",
        });
      } catch (err) {
        out.push({ service: "Integrated Terminal", ok: false, call: tcall, answer: failure(err) });
      }
    }
  } else {
    try {
      const list = await adapter.terminals.list();
      out.push({
        service: "Gateway API",
        ok: true,
        call: "GET /api/terminals",
        answer: `Connected: ${list.length} terminal${list.length === 1 ? "" : "s"} on the account.`,
      });
    } catch (err) {
      out.push({ service: "Gateway API", ok: false, call: "GET /api/terminals", answer: failure(err) });
    }
  }
  return out;
}

/** "Test connection" for every service the merchant is connected to. */
export async function testMerchantConnections(ctx: MerchantContext): Promise<ServiceTest[]> {
  const m = await getMerchantWithCredentials({ merchantId: ctx.merchant.id });
  if (!m?.credentialsEnc) {
    return [{ service: "Gateway", ok: false, call: "—", answer: "No credentials are configured yet." }];
  }
  const creds = unsealCredentials(m.credentialsEnc, m.id);
  const { family: _f, ...gatewayCreds } = creds.gateway;
  const out = await testGateway(m.gateway, m.environment, gatewayCreds as Record<string, string>);
  if (creds.giftcard) {
    try {
      const gift = giftCardFor({ environment: m.environment, credentials: creds.giftcard });
      const r = await gift.verify();
      out.push({ service: "POSPointe gift cards", ok: r.ok, call: "PUT /Auth/verify", answer: r.answer });
    } catch (err) {
      out.push({ service: "POSPointe gift cards", ok: false, call: "PUT /Auth/verify", answer: failure(err) });
    }
  }
  await writeAudit(getDb(), {
    actorUserId: ctx.user.id,
    merchantId: m.id,
    partnerId: m.partnerId,
    action: "merchant.connection_tested",
    targetType: "merchant",
    targetId: m.id,
    after: { environment: m.environment, results: out.map((r) => ({ service: r.service, ok: r.ok })) },
  });
  return out;
}

/** Switch environment / site / MID or rotate the CardPointe API credentials, after they test OK. */
export async function updateCardPointeConnection(
  ctx: MerchantContext,
  input: Omit<CardPointeConnectionInput, "merchantId">,
): Promise<ServiceTest[]> {
  const m = await getMerchantWithCredentials({ merchantId: ctx.merchant.id });
  if (!m) throw new NotFound();
  if (m.gateway !== "cardpointe") throw new UserError("invalid", "This merchant is not on CardPointe.");
  if (input.environment === "sandbox" && !env().sandboxEnabled) {
    throw new UserError("invalid", "The built-in sandbox is off on this portal: choose UAT or production.", {
      environment: ["The built-in sandbox is off on this portal."],
    });
  }
  const current = m.credentialsEnc ? unsealCredentials(m.credentialsEnc, m.id) : null;
  const old = current?.gateway.family === "cardpointe" ? current.gateway : null;
  const password = input.password ?? (old && old.username === input.username ? old.password : undefined);
  if (!password) {
    throw new UserError("invalid", "Enter the API password.", { password: ["Enter the API password."] });
  }
  const next = {
    family: "cardpointe" as const,
    merchid: input.merchid,
    site: input.site,
    username: input.username,
    password,
    terminalApiKey: input.terminalApiKey ?? old?.terminalApiKey,
    hsn: old?.hsn,
  };
  const { family: _f, ...plain } = next;
  const tests = await testGateway("cardpointe", input.environment, plain as Record<string, string>);
  const gatewayTest = tests[0];
  if (!gatewayTest?.ok) {
    throw new UserError(
      "invalid",
      `Not saved — the new connection did not test OK: ${gatewayTest?.answer ?? "no answer"}`,
    );
  }
  const sealed = sealCredentials({ gateway: next, giftcard: current?.giftcard }, m.id);
  await getDb().transaction(async (tx) => {
    await tx
      .update(merchants)
      .set({ environment: input.environment, site: input.site, mid: input.merchid, credentialsEnc: sealed })
      .where(eq(merchants.id, m.id));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: m.id,
      partnerId: m.partnerId,
      action: "merchant.gateway_connection_updated",
      targetType: "merchant",
      targetId: m.id,
      before: {
        environment: m.environment,
        site: m.site,
        mid: m.mid,
        username: old?.username ?? null,
        password: mask(old?.password),
      },
      after: {
        environment: input.environment,
        site: input.site,
        mid: input.merchid,
        username: input.username,
        password: mask(password),
      },
    });
  });
  return tests;
}

async function saveCredentials(
  ctx: MerchantContext,
  m: { id: string; partnerId: string },
  next: MerchantCredentials,
  set: Partial<typeof merchants.$inferInsert>,
  audit: { action: string; before: unknown; after: unknown },
) {
  const sealed = sealCredentials(next, m.id);
  await getDb().transaction(async (tx) => {
    await tx
      .update(merchants)
      .set({ ...set, credentialsEnc: sealed })
      .where(eq(merchants.id, m.id));
    await writeAudit(tx, {
      actorUserId: ctx.user.id,
      merchantId: m.id,
      partnerId: m.partnerId,
      action: audit.action,
      targetType: "merchant",
      targetId: m.id,
      before: audit.before,
      after: audit.after,
    });
  });
}

/** Gateway API keys (FluidPay family): saved after `GET /api/terminals` answers with them. */
export async function updateFluidPayKeys(
  ctx: MerchantContext,
  input: Omit<FluidPayKeysInput, "merchantId">,
): Promise<ServiceTest[]> {
  const m = await getMerchantWithCredentials({ merchantId: ctx.merchant.id });
  if (!m) throw new NotFound();
  if (m.gateway !== "fluidpay") throw new UserError("invalid", "This merchant is not on the Gateway API.");
  if (input.environment === "sandbox" && !env().sandboxEnabled) {
    throw new UserError("invalid", "The built-in sandbox is off on this portal.", {
      environment: ["Choose production."],
    });
  }
  const current = m.credentialsEnc ? unsealCredentials(m.credentialsEnc, m.id) : null;
  const old = current?.gateway.family === "fluidpay" ? current.gateway : null;
  const apiKey = input.apiKey ?? old?.apiKey;
  const publicKey = input.publicKey ?? old?.publicKey;
  if (!apiKey || !publicKey) {
    throw new UserError("invalid", "Enter both keys.", {
      ...(apiKey ? {} : { apiKey: ["Enter the private api_ key."] }),
      ...(publicKey ? {} : { publicKey: ["Enter the public pub_ key."] }),
    });
  }
  const next = { ...(old ?? {}), family: "fluidpay" as const, apiKey, publicKey };
  const { family: _f, ...plain } = next;
  const tests = await testGateway("fluidpay", input.environment, plain as Record<string, string>);
  if (!tests[0]?.ok) {
    throw new UserError("invalid", `Not saved — the keys did not test OK: ${tests[0]?.answer ?? "no answer"}`);
  }
  await saveCredentials(
    ctx,
    m,
    { gateway: next, giftcard: current?.giftcard },
    { environment: input.environment },
    {
      action: "merchant.gateway_keys_updated",
      before: { environment: m.environment, apiKey: mask(old?.apiKey), publicKey: mask(old?.publicKey) },
      after: { environment: input.environment, apiKey: mask(apiKey), publicKey: mask(publicKey) },
    },
  );
  return tests;
}

/** The POSPointe store: saved after `PUT /Auth/verify` answers for this store with these credentials. */
export async function updateGiftCardStore(
  ctx: MerchantContext,
  input: Omit<GiftCardStoreInput, "merchantId">,
): Promise<ServiceTest[]> {
  const m = await getMerchantWithCredentials({ merchantId: ctx.merchant.id });
  if (!m?.credentialsEnc) throw new UserError("invalid", "Configure the payment gateway first.");
  const current = unsealCredentials(m.credentialsEnc, m.id);
  const password =
    input.password ?? (current.giftcard?.username === input.username ? current.giftcard.password : undefined);
  if (!password) throw new UserError("invalid", "Enter the API password.", { password: ["Enter the API password."] });
  const giftcard = { username: input.username, password, franchiseeId: input.franchiseeId, storeId: input.storeId };
  let test: ServiceTest;
  try {
    const r = await giftCardFor({ environment: m.environment, credentials: giftcard }).verify();
    test = { service: "POSPointe gift cards", ok: r.ok, call: "PUT /Auth/verify", answer: r.answer };
  } catch (err) {
    test = { service: "POSPointe gift cards", ok: false, call: "PUT /Auth/verify", answer: failure(err) };
  }
  if (!test.ok) throw new UserError("invalid", `Not saved — the store did not verify: ${test.answer}`);
  await saveCredentials(
    ctx,
    m,
    { ...current, giftcard },
    {},
    {
      action: "merchant.giftcard_store_updated",
      before: current.giftcard
        ? {
            username: current.giftcard.username,
            storeId: current.giftcard.storeId,
            password: mask(current.giftcard.password),
          }
        : null,
      after: { username: giftcard.username, storeId: giftcard.storeId, password: mask(password) },
    },
  );
  return [test];
}
