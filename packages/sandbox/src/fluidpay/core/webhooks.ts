import { createHmac } from "node:crypto";
import { seal, unseal } from "../../secrets";
import { newId } from "./ids";
import { q } from "./schema";

/**
 * Webhook event types, in the documented `noun_verb` style (`transaction_create` is the one the vendor
 * documents; the others are this sandbox's names for events the vendor's docs leave unnamed).
 */
export const WEBHOOK_EVENTS = {
  transactionCreate: "transaction_create",
  transactionUpdate: "transaction_update",
  batchSettle: "settlement_batch_settle",
  subscriptionCharge: "subscription_charge",
  subscriptionChargeFail: "subscription_charge_fail",
  invoicePay: "invoice_pay",
  test: "test",
} as const;

const SEAL_PURPOSE = "sandbox-gateway-webhook-secret";
/** Test deliveries are signed with this fixed, documented secret. */
export const TEST_WEBHOOK_SECRET = "00000000-0000-4000-8000-000000000001";
/** attempts after the first: 1s, 2s, 4s, 8s, 16s; then the delivery is marked failed. */
const MAX_ATTEMPTS = 6;
const DELIVERY_TIMEOUT_MS = 10_000;

export function signWebhook(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64url");
}

/** Rotating the secret keeps the old one for a day: deliveries then also carry `Signature-Previous`. */
const ROTATION_GRACE = "24 hours";

export async function setWebhookConfig(accountId: string, url: string, secret: string): Promise<void> {
  const current = await q<{ secret_sealed: string }>(
    `select secret_sealed from sandbox_gateway.webhook_configs where account_id = $1`,
    [accountId],
  );
  const old = current.rows[0]?.secret_sealed;
  const rotated = old !== undefined && unseal(old, SEAL_PURPOSE) !== secret;
  await q(
    `insert into sandbox_gateway.webhook_configs (account_id, url, secret_sealed) values ($1,$2,$3)
     on conflict (account_id) do update set url = excluded.url, secret_sealed = excluded.secret_sealed,
       previous_secret_sealed = case when $4 then sandbox_gateway.webhook_configs.secret_sealed
                                     else sandbox_gateway.webhook_configs.previous_secret_sealed end,
       rotated_at = case when $4 then now() else sandbox_gateway.webhook_configs.rotated_at end`,
    [accountId, url, seal(secret, SEAL_PURPOSE), rotated],
  );
}

interface MerchantRow {
  merchant_id: string;
  url: string | null;
  secret_sealed: string | null;
}

function buildBody(merchantId: string, type: string, data: unknown, actionAt: Date): string {
  const record = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  const body: Record<string, unknown> = {
    status: "success",
    msg: "success",
    type,
    account_type: "merchant",
    account_type_id: merchantId,
    action_at: actionAt.toISOString(),
    data,
  };
  if (type.startsWith("transaction_") && typeof record.id === "string") body.transaction_id = record.id;
  // The documented signature covers the raw body including its trailing newline.
  return `${JSON.stringify(body)}\n`;
}

/** Queues a signed delivery to the account's webhook URL (no-op when none is configured) and starts it. */
export async function emitWebhook(accountId: string, type: string, data: unknown): Promise<void> {
  const r = await q<MerchantRow>(
    `select a.merchant_id, w.url, w.secret_sealed from sandbox_gateway.accounts a
     left join sandbox_gateway.webhook_configs w on w.account_id = a.id where a.id = $1`,
    [accountId],
  );
  const row = r.rows[0];
  if (!row?.url) return;
  const id = newId();
  await q(
    `insert into sandbox_gateway.webhook_deliveries (id, account_id, type, url, body, next_attempt_at)
     values ($1,$2,$3,$4,$5, now())`,
    [id, accountId, type, row.url, buildBody(row.merchant_id, type, data, new Date())],
  );
  schedule(id, 0);
}

/** Sends one `type:"test"` delivery signed with the fixed test secret (on webhook create/update). */
export async function sendTestWebhook(accountId: string, merchantId: string, url: string): Promise<void> {
  const id = newId();
  const body = buildBody(merchantId, WEBHOOK_EVENTS.test, {}, new Date());
  await q(
    `insert into sandbox_gateway.webhook_deliveries (id, account_id, type, url, body, next_attempt_at)
     values ($1,$2,'test',$3,$4, now())`,
    [id, accountId, url, body],
  );
  schedule(id, 0);
}

function schedule(id: string, delayMs: number): void {
  const t = setTimeout(() => {
    deliver(id).catch(() => undefined);
  }, delayMs);
  t.unref();
}

interface DeliveryRow {
  id: string;
  account_id: string;
  type: string;
  url: string;
  body: string;
  attempts: number;
  status: string;
}

async function deliver(id: string): Promise<void> {
  // Claim the attempt atomically so two processes never send the same attempt twice.
  const r = await q<DeliveryRow>(
    `update sandbox_gateway.webhook_deliveries set attempts = attempts + 1, next_attempt_at = now() + interval '1 minute'
     where id = $1 and status = 'pending' and next_attempt_at <= now()
     returning id, account_id, type, url, body, attempts, status`,
    [id],
  );
  const row = r.rows[0];
  if (!row) return;
  const cfg = await q<{ secret_sealed: string; previous: string | null }>(
    `select secret_sealed, case when rotated_at > now() - interval '${ROTATION_GRACE}' then previous_secret_sealed end as previous
     from sandbox_gateway.webhook_configs where account_id = $1`,
    [row.account_id],
  );
  const sealed = cfg.rows[0]?.secret_sealed;
  const isTest = row.type === WEBHOOK_EVENTS.test;
  const secret = isTest || !sealed ? TEST_WEBHOOK_SECRET : unseal(sealed, SEAL_PURPOSE);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    Signature: signWebhook(secret, row.body),
    "X-Webhook-Event-Id": row.id,
  };
  const previous = cfg.rows[0]?.previous;
  if (!isTest && previous) headers["Signature-Previous"] = signWebhook(unseal(previous, SEAL_PURPOSE), row.body);
  let error: string | undefined;
  try {
    const res = await fetch(row.url, {
      method: "POST",
      headers,
      body: row.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    if (!res.ok) error = `HTTP ${res.status}`;
    await res.body?.cancel().catch(() => undefined);
  } catch (err) {
    error = (err as Error).name === "TimeoutError" ? "timeout" : "connection failed";
  }
  if (!error) {
    await q(`update sandbox_gateway.webhook_deliveries set status = 'delivered', last_error = null where id = $1`, [
      id,
    ]);
    return;
  }
  if (row.attempts >= MAX_ATTEMPTS) {
    await q(`update sandbox_gateway.webhook_deliveries set status = 'failed', last_error = $2 where id = $1`, [
      id,
      error,
    ]);
    return;
  }
  const backoffMs = 1000 * 2 ** (row.attempts - 1);
  await q(
    `update sandbox_gateway.webhook_deliveries set last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval - interval '500 milliseconds' where id = $1`,
    [id, error, String(backoffMs)],
  );
  schedule(id, backoffMs);
}

/** Resumes deliveries whose timer was lost (e.g. a restart); called from the passive clock tick. */
export async function resumeDueDeliveries(accountId: string): Promise<void> {
  const r = await q<{ id: string }>(
    `select id from sandbox_gateway.webhook_deliveries
     where account_id = $1 and status = 'pending' and next_attempt_at < now() - interval '30 seconds' limit 20`,
    [accountId],
  );
  for (const { id } of r.rows) schedule(id, 0);
}

export interface DeliveryView {
  id: string;
  type: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

export async function listDeliveries(accountId: string): Promise<DeliveryView[]> {
  const r = await q<DeliveryView>(
    `select id, type, status, attempts, last_error from sandbox_gateway.webhook_deliveries
     where account_id = $1 order by created_at desc limit 100`,
    [accountId],
  );
  return r.rows;
}
