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
    "select provider_id as id from customers where merchant_id = $1 and deleted_at is null order by provider_created_at desc limit 1",
    [acme],
  );
  const [dep] = await query<{ id: string }>(
    "select provider_id as id from deposits where merchant_id = $1 order by deposit_date desc limit 1",
    [acme],
  );
  return [
    m,
    `${m}/transactions`,
    ...(tx
      ? [`${m}/transactions/${encodeURIComponent(tx.id)}`, `${m}/transactions/${encodeURIComponent(tx.id)}/receipt`]
      : []),
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
    `${m}/reconciliation`,
    `${m}/reconciliation/exceptions`,
    ...(dep ? [`${m}/reconciliation/${encodeURIComponent(dep.id)}`] : []),
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

/** The screens the quality specs look at every page on: a desktop and a 390 px phone. */
export const VIEWPORTS = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "mobile", size: { width: 390, height: 844 } },
] as const;
