import { createHash } from "node:crypto";
import { seal, unseal } from "../../secrets";
import { badRequest, GatewayError } from "../core/envelope";
import { newId } from "../core/ids";
import type { Queryable } from "../core/schema";
import { binInfo, maskAccount, maskCard, parseExpiry, vaultExpiry } from "../transactions/cards";

/**
 * The vault's internal store. Full card and account numbers exist only sealed (AES-256-GCM, key
 * derived for this purpose); every row and response carries masked numbers only.
 */
const VAULT_PURPOSE = "sandbox-gateway-vault";

export interface CardSecret {
  kind: "card";
  number: string;
  /** "MM/YY" */
  expiration_date: string;
}
export interface AchSecret {
  kind: "ach";
  account_number: string;
  routing_number: string;
  account_type: "checking" | "savings";
  sec_code: string;
}
export type PaymentSecret = CardSecret | AchSecret;

export function sealSecret(s: PaymentSecret): string {
  return seal(JSON.stringify(s), VAULT_PURPOSE);
}
export function unsealSecret(sealed: string): PaymentSecret {
  return JSON.parse(unseal(sealed, VAULT_PURPOSE)) as PaymentSecret;
}

export const ADDRESS_FIELDS = [
  "first_name",
  "last_name",
  "company",
  "line_1",
  "line_2",
  "city",
  "state",
  "postal_code",
  "country",
  "email",
  "phone",
  "fax",
] as const;
export type VaultAddress = Record<(typeof ADDRESS_FIELDS)[number], string>;

export function addressHash(a: VaultAddress): string {
  const canonical = ADDRESS_FIELDS.map((f) => a[f].trim().toLowerCase()).join("|");
  return createHash("sha256").update(canonical).digest("base64");
}

export interface CustomerDefaults {
  billing_address_id: string;
  shipping_address_id: string;
  payment_method_id: string;
  payment_method_type: string;
}
export interface CustomerData {
  description: string;
  notes: string;
  flags: string[];
  defaults: CustomerDefaults;
}

/** Masked public view of a stored payment method. */
export function maskedView(id: string, s: PaymentSecret, createdAt: Date): Record<string, unknown> {
  if (s.kind === "card") {
    const exp = parseExpiry(s.expiration_date);
    return {
      id,
      card_type: binInfo(s.number).card_brand,
      masked_number: maskCard(s.number),
      expiration_date: exp ? vaultExpiry(exp) : "",
      created_at: createdAt.toISOString(),
    };
  }
  return {
    id,
    account_type: s.account_type,
    sec_code: s.sec_code,
    masked_account_number: maskAccount(s.account_number),
    routing_number: s.routing_number,
    created_at: createdAt.toISOString(),
  };
}

export async function insertCustomer(
  c: Queryable,
  accountId: string,
  id: string,
  data: CustomerData,
  now: Date,
): Promise<void> {
  const r = await c.query(
    `insert into sandbox_gateway.customers (account_id, id, data, created_at, updated_at) values ($1,$2,$3,$4,$4)
     on conflict do nothing`,
    [accountId, id, data, now],
  );
  if (r.rowCount === 0) throw badRequest("invalid id: a customer with this id already exists");
}

export async function loadCustomer(
  c: Queryable,
  accountId: string,
  id: string,
  lock = false,
): Promise<{ data: CustomerData; created_at: Date; updated_at: Date } | undefined> {
  const r = await c.query<{ data: CustomerData; created_at: Date; updated_at: Date }>(
    `select data, created_at, updated_at from sandbox_gateway.customers where account_id = $1 and id = $2${lock ? " for update" : ""}`,
    [accountId, id],
  );
  return r.rows[0];
}

export async function requireCustomer(c: Queryable, accountId: string, id: string, lock = false) {
  const row = await loadCustomer(c, accountId, id, lock);
  if (!row) throw new GatewayError(404, "customer not found");
  return row;
}

export async function saveCustomerData(
  c: Queryable,
  accountId: string,
  id: string,
  data: CustomerData,
  now: Date,
): Promise<void> {
  await c.query(`update sandbox_gateway.customers set data = $3, updated_at = $4 where account_id = $1 and id = $2`, [
    accountId,
    id,
    data,
    now,
  ]);
}

/** Inserts an address; the same address twice on one customer is refused, as the gateway does. */
export async function insertAddress(
  c: Queryable,
  accountId: string,
  customerId: string,
  address: VaultAddress,
  now: Date,
  exceptId?: string,
): Promise<string> {
  const hash = addressHash(address);
  const dup = await c.query(
    `select 1 from sandbox_gateway.customer_addresses where account_id = $1 and customer_id = $2 and hash = $3 and id <> $4`,
    [accountId, customerId, hash, exceptId ?? ""],
  );
  if (dup.rowCount) throw badRequest("invalid: would create a duplicate address");
  const id = exceptId ?? newId();
  if (exceptId) {
    await c.query(
      `update sandbox_gateway.customer_addresses set data = $3, hash = $4 where account_id = $1 and id = $2`,
      [accountId, id, address, hash],
    );
  } else {
    await c.query(
      `insert into sandbox_gateway.customer_addresses (id, account_id, customer_id, hash, data, created_at) values ($1,$2,$3,$4,$5,$6)`,
      [id, accountId, customerId, hash, address, now],
    );
  }
  return id;
}

export async function insertPaymentMethod(
  c: Queryable,
  accountId: string,
  customerId: string,
  secret: PaymentSecret,
  now: Date,
  id = newId(),
): Promise<string> {
  const view = maskedView(id, secret, now);
  await c.query(
    `insert into sandbox_gateway.payment_methods (id, account_id, customer_id, type, data, sealed, created_at)
     values ($1,$2,$3,$4,$5,$6,$7)
     on conflict (id) do update set data = excluded.data, sealed = excluded.sealed, type = excluded.type`,
    [id, accountId, customerId, secret.kind, view, sealSecret(secret), now],
  );
  return id;
}

export interface StoredPaymentMethod {
  id: string;
  type: "card" | "ach";
  secret: PaymentSecret;
}

export async function loadPaymentMethod(
  c: Queryable,
  accountId: string,
  customerId: string,
  id: string,
): Promise<StoredPaymentMethod | undefined> {
  const r = await c.query<{ id: string; type: "card" | "ach"; sealed: string }>(
    `select id, type, sealed from sandbox_gateway.payment_methods where account_id = $1 and customer_id = $2 and id = $3`,
    [accountId, customerId, id],
  );
  const row = r.rows[0];
  return row ? { id: row.id, type: row.type, secret: unsealSecret(row.sealed) } : undefined;
}

export async function loadAddress(
  c: Queryable,
  accountId: string,
  customerId: string,
  id: string,
): Promise<VaultAddress | undefined> {
  const r = await c.query<{ data: VaultAddress }>(
    `select data from sandbox_gateway.customer_addresses where account_id = $1 and customer_id = $2 and id = $3`,
    [accountId, customerId, id],
  );
  return r.rows[0]?.data;
}
