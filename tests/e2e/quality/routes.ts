import { merchantId, query } from "../helpers";

/** Every page a person reaches, for a merchant with data (Acme Coffee) and the partner's portfolio. */
export async function merchantRoutes(): Promise<string[]> {
  const acme = await merchantId("Acme Coffee");
  const m = `/m/${acme}`;
  const [tx] = await query<{ id: string }>(
    "select provider_id as id from transactions where merchant_id = $1 order by provider_created_at desc limit 1",
    [acme],
  );
  const [inv] = await query<{ id: string }>(
    "select provider_id as id from invoices where merchant_id = $1 order by provider_created_at desc limit 1",
    [acme],
  );
  const [cust] = await query<{ id: string }>(
    "select provider_id as id from customers where merchant_id = $1 order by provider_created_at desc limit 1",
    [acme],
  );
  return [
    m,
    `${m}/transactions`,
    ...(tx ? [`${m}/transactions/${encodeURIComponent(tx.id)}`] : []),
    `${m}/terminal`,
    `${m}/customers`,
    `${m}/customers/new`,
    ...(cust ? [`${m}/customers/${encodeURIComponent(cust.id)}`] : []),
    `${m}/invoices`,
    `${m}/invoices/new`,
    ...(inv ? [`${m}/invoices/${encodeURIComponent(inv.id)}`] : []),
    `${m}/recurring`,
    `${m}/settlements`,
    `${m}/funding`,
    `${m}/file-batches`,
    `${m}/gift-cards`,
    `${m}/terminals`,
    `${m}/settings`,
    `${m}/settings/messages`,
    `${m}/settings/webhooks`,
    `${m}/statements`,
    "/account/security",
  ];
}

export const partnerRoutes = ["/partner", "/partner/boarding/new", "/partner/settings", "/partner/statements"];
export const publicRoutes = ["/login", "/forgot-password"];
