import { randomUUID } from "node:crypto";
import { baseUrl, merchantCredentials, query, pointAtE2eRuntime } from "../helpers";
import { cardSecureToken } from "@/tests/helpers/cardsecure";

/**
 * Gives a demo merchant one of everything a tenant route can name (customer, transactions, invoice, add-on,
 * discount, plan, subscription, settlement batch, file batch, terminal run), created the way the portal creates
 * them: its own server actions run in this process as the merchant's owner, against the e2e database and the
 * served app's sandboxes over HTTP. Card data only ever goes to the sandbox tokenizers, as the browser would send it.
 * Steps the merchant's gateway family does not offer are reported in `skipped` (the crawler then proves that
 * route with the other merchant's ids).
 */
export interface SeedReport {
  done: string[];
  skipped: { step: string; why: string }[];
}

/** The session claims of `email` (for `runAsSession`): its id and session version. */
export async function claimsOf(email: string) {
  const [u] = await query<{ id: string; v: number }>("select id, session_version as v from users where email = $1", [
    email,
  ]);
  if (!u) throw new Error(`no user ${email}`);
  return { userId: u.id, sessionVersion: Number(u.v) };
}

async function cardToken(merchantName: string, card = "4111111111111111"): Promise<string> {
  const creds = (await merchantCredentials(merchantName)).gateway;
  if (creds.family === "fluidpay") {
    const res = await fetch(`${baseUrl()}/sandbox/gateway/tokenizer/${creds.publicKey}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "card", card: { number: card, expiration_date: "12/30", cvc: "123" } }),
    });
    const json = (await res.json()) as { data?: { token?: string } };
    if (!json.data?.token) throw new Error(`tokenizer refused: ${JSON.stringify(json)}`);
    return json.data.token;
  }
  const [m] = await query<{ site: string }>("select site from merchants where name = $1", [merchantName]);
  return cardSecureToken(`${baseUrl()}/sandbox/cardpointe/${m?.site}-uat/cardsecure/api/v1/ccn/tokenize`, card);
}

function formOf(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** Seeds `merchantName` (owner `ownerEmail`); `label` makes names and emails unique to this merchant. */
export async function seedTenant(merchantName: string, ownerEmail: string, label: string): Promise<SeedReport> {
  await pointAtE2eRuntime();
  const report: SeedReport = { done: [], skipped: [] };
  const [{ runAsSession }, vt, customers, invoices, recurring, settlements, terminals, gw, inv, recon] =
    await Promise.all([
      import("@/lib/auth/session"),
      import("@/lib/actions/virtual-terminal"),
      import("@/lib/actions/customers"),
      import("@/lib/actions/invoices"),
      import("@/lib/actions/recurring"),
      import("@/lib/actions/settlements"),
      import("@/lib/actions/terminals"),
      import("@/lib/connections/gateway"),
      import("@/tests/fixtures/invoices"),
      import("@/lib/actions/reconciliation"),
    ]);
  const [m] = await query<{ id: string }>("select id from merchants where name = $1", [merchantName]);
  if (!m) throw new Error(`no merchant ${merchantName}`);
  const merchantId = m.id;
  const claims = await claimsOf(ownerEmail);
  const as = <T>(fn: () => Promise<T>) => runAsSession(claims, fn);
  const gateway = await gw.gatewayForMerchant(merchantId);
  const caps = gateway.capabilities as unknown as Record<string, boolean>;
  const step = async (name: string, fn: () => Promise<unknown>, capability?: string) => {
    if (capability && caps[capability] === false) {
      report.skipped.push({ step: name, why: `${gateway.family} has no ${capability}` });
      return;
    }
    const r = (await fn()) as { ok?: boolean; error?: string } | undefined;
    if (r && r.ok === false) {
      // CardPointe differs in shape (e.g. a profile needs its card): report, and the crawl falls back.
      if (gateway.family === "cardpointe") {
        report.skipped.push({ step: name, why: r.error ?? JSON.stringify(r) });
        return;
      }
      throw new Error(`${merchantName}: ${name} failed: ${JSON.stringify(r)}`);
    }
    report.done.push(name);
  };

  // An outbound webhook endpoint first, so the steps below also leave events and deliveries in its log (the crawl
  // looks for its URL in every answer). Port 9 (discard) refuses: the deliveries stay in the log as retrying.
  const webhooks = await import("@/lib/actions/webhooks");
  await step("webhook endpoint", () =>
    as(() =>
      webhooks.createEndpointAction({
        merchantId,
        url: `http://127.0.0.1:9/${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-events`,
        description: `${label} accounting`,
        eventTypes: ["payment.created", "refund.created", "invoice.created", "subscription.created"],
      }),
    ),
  );
  await step("customer", () =>
    as(() =>
      customers.createCustomerAction({
        merchantId,
        firstName: "Quinby",
        lastName: `${label}son`,
        email: `quinby.${label.toLowerCase()}@tenant.example`,
        company: `${label} Holdings`,
      }),
    ),
  );
  // A sale that also vaults its card: a transaction and a chargeable customer (for the subscription).
  let vaultedCustomer: string | null = null;
  let paymentMethodId: string | null = null;
  await step("sale", async () => {
    const r = await as(async () =>
      vt.chargeAction(
        null,
        formOf({
          merchantId,
          intentId: randomUUID(),
          type: "sale",
          source: "card",
          token: await cardToken(merchantName),
          amount: "31.07",
          orderId: `${label}01`,
          "billing.firstName": "Ravenna",
          "billing.lastName": `${label}dottir`,
          "billing.email": `ravenna.${label.toLowerCase()}@tenant.example`,
          "billing.postalCode": "94107",
          ...(caps.vault === false ? {} : { saveToVault: "on" }),
        }),
      ),
    );
    // Only the recurring families need the vaulted card's id (for the subscription below).
    if (r.ok && r.data.transaction?.customerId && caps.recurring !== false) {
      vaultedCustomer = r.data.transaction.customerId;
      const c = await gateway.vault.getCustomer(vaultedCustomer);
      paymentMethodId = c.paymentMethods[0]?.id ?? null;
    }
    return r;
  });
  await step(
    "invoice",
    () =>
      as(() =>
        invoices.createInvoiceAction({
          merchantId,
          invoice: JSON.stringify(
            inv.invoiceDraft({
              dueDate: "2030-06-30",
              items: [inv.invoiceLine({ name: `${label} retainer`, quantity: "1", unitPrice: "120.00" })],
              taxMode: "items",
              taxPercent: "",
              sendVia: "none",
              billTo: {
                firstName: "Ottoline",
                lastName: `${label}ford`,
                email: `ottoline.${label.toLowerCase()}@tenant.example`,
                line1: "1 Main St",
                city: "Austin",
                state: "TX",
                postalCode: "78701",
                country: "US",
              },
              payableTo: {
                company: merchantName,
                line1: "1 Main St",
                city: "Austin",
                state: "TX",
                postalCode: "78701",
              },
            }),
          ),
        }),
      ),
    "invoices",
  );
  let addOnId = "";
  let discountId = "";
  let planId = "";
  await step(
    "add-on",
    async () => {
      const r = await as(() =>
        recurring.saveAddOnAction(null, formOf({ merchantId, name: `${label} addon`, amount: "5.00", duration: "0" })),
      );
      if (r.ok) addOnId = r.data.id;
      return r;
    },
    "recurring",
  );
  await step(
    "discount",
    async () => {
      const r = await as(() =>
        recurring.saveDiscountAction(
          null,
          formOf({ merchantId, name: `${label} discount`, percentage: "10", duration: "0" }),
        ),
      );
      if (r.ok) discountId = r.data.id;
      return r;
    },
    "recurring",
  );
  await step(
    "plan",
    async () => {
      const r = await as(() =>
        recurring.savePlanAction({
          merchantId,
          name: `${label} monthly`,
          amount: "20.00",
          billingFrequency: "monthly",
          billingCycleInterval: "1",
          billingDays: "1",
          duration: "0",
          addOns: [{ id: addOnId }],
          discounts: [{ id: discountId }],
        }),
      );
      if (r.ok) planId = r.data.id;
      return r;
    },
    "recurring",
  );
  await step(
    "subscription",
    () => {
      if (!vaultedCustomer || !paymentMethodId) throw new Error(`${merchantName}: no vaulted customer to subscribe`);
      return as(() =>
        recurring.createSubscriptionAction({
          merchantId,
          planId,
          customer: { id: vaultedCustomer, paymentMethodType: "card", paymentMethodId },
          amount: "20.00",
          billingFrequency: "monthly",
          billingCycleInterval: "1",
          billingDays: "1",
          duration: "0",
          nextBillDate: "2031-01-01",
          addOns: [{ id: addOnId }],
          discounts: [{ id: discountId }],
        }),
      );
    },
    "recurring",
  );
  await step(
    "terminal run",
    async () => {
      const list = await gateway.terminals.list();
      const device = list[0];
      if (!device) throw new Error(`${merchantName}: no terminal`);
      return as(() =>
        terminals.runTerminalAction({
          merchantId,
          terminalId: device.id,
          type: "sale",
          amount: "4.00",
          intentId: randomUUID(),
        }),
      );
    },
    "terminals",
  );
  await step("settlement batch", async () => {
    const creds = (await merchantCredentials(merchantName)).gateway;
    const [row] = await query<{ mid: string; site: string }>("select mid, site from merchants where id = $1", [
      merchantId,
    ]);
    const res =
      creds.family === "fluidpay"
        ? await fetch(`${baseUrl()}/sandbox/gateway/_control/settle`, {
            method: "POST",
            headers: { authorization: creds.apiKey },
          })
        : await fetch(`${baseUrl()}/sandbox/cardpointe/_control/settle`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ merchid: row?.mid }),
          });
    if (!res.ok) throw new Error(`${merchantName}: settle refused ${res.status} ${await res.text()}`);
    return as(() => settlements.syncSettlementsAction({ merchantId }));
  });
  // Deposits and exceptions for the reconciliation pages (the gateway family's settled batch is its deposit).
  await step("reconciliation", async () => as(() => recon.reconcileNowAction({ merchantId })));
  return report;
}

/** Uploads a small file batch through the route handler as the merchant's owner (session cookie). */
export async function uploadFileBatch(merchantId: string, cookie: string, label: string): Promise<Response> {
  const [c] = await query<{ id: string }>(
    "select provider_id as id from customers where merchant_id = $1 and deleted_at is null limit 1",
    [merchantId],
  );
  const csv = `"transaction_type","customer_id","amount","order_id"\n"sale","${c?.id ?? "nosuchcustomer"}","150","${label}FB1"\n`;
  const fd = new FormData();
  fd.set("file", new File([csv], `${label.toLowerCase()}-batch.csv`, { type: "text/csv" }));
  return fetch(`${baseUrl()}/api/m/${merchantId}/file-batches`, {
    method: "POST",
    headers: { cookie, origin: baseUrl() },
    body: fd,
  });
}

export interface RivalWorld {
  partnerId: string;
  adminEmail: string;
  merchants: { name: string; id: string; owner: string; label: string }[];
}

/**
 * A second partner ("Rival Payments Co") with its own admin, boarding application and two merchants of its own —
 * one per gateway family, with sandbox accounts and owners — so the crawl has a tenant of each kind holding one of
 * everything without touching the demo merchants' data (other specs assert on their figures).
 */
export async function rivalPartner(): Promise<RivalWorld> {
  await pointAtE2eRuntime();
  const adminEmail = "rival-admin@rival.example";
  const names = [
    { name: "Rival Fern Studio", gateway: "fluidpay", owner: "owner@rivalfern.example", label: "Rivalfern" },
    { name: "Rival Corner Supply", gateway: "cardpointe", owner: "owner@rivalcorner.example", label: "Rivalcorner" },
  ] as const;
  const [existing] = await query<{ id: string }>("select id from partners where name = 'Rival Payments Co'");
  let partnerId = existing?.id;
  if (!partnerId) {
    const { provisionSandboxMerchant } = await import("@/lib/services/merchants/provision-sandbox");
    const [p] = await query<{ id: string }>("insert into partners (name) values ('Rival Payments Co') returning id");
    partnerId = p?.id as string;
    // The demo password's hash, so the browser can sign these users in like the demo personas.
    const addUser = async (email: string, name: string) =>
      (
        await query<{ id: string }>(
          `insert into users (email, name, password_hash) select $1, $2, password_hash from users
           where email = 'partner@demo.test' returning id`,
          [email, name],
        )
      )[0]?.id;
    const admin = await addUser(adminEmail, "Rowena Rivalsdottir");
    await query("insert into memberships (user_id, role, partner_id) values ($1, 'partner_admin', $2)", [
      admin,
      partnerId,
    ]);
    await query("insert into boarding_applications (partner_id, dba_name) values ($1, 'Rival Bakery Boarding LLC')", [
      partnerId,
    ]);
    for (const n of names) {
      const [m] = await query<{ id: string }>(
        "insert into merchants (partner_id, name, gateway, environment) values ($1, $2, $3, 'sandbox') returning id",
        [partnerId, n.name, n.gateway],
      );
      const p2 = await provisionSandboxMerchant({ id: m?.id as string, name: n.name, gateway: n.gateway });
      await query("update merchants set mid = $2, site = $3, credentials_enc = $4 where id = $1", [
        m?.id,
        p2.mid,
        p2.site,
        p2.credentialsEnc,
      ]);
      const owner = await addUser(n.owner, `${n.label} Owner`);
      await query("insert into memberships (user_id, role, merchant_id) values ($1, 'merchant_admin', $2)", [
        owner,
        m?.id,
      ]);
    }
  }
  const merchants = [];
  for (const n of names) {
    const [m] = await query<{ id: string }>("select id from merchants where name = $1", [n.name]);
    merchants.push({ name: n.name, id: m?.id as string, owner: n.owner, label: n.label });
  }
  return { partnerId, adminEmail, merchants };
}
