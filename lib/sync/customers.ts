import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customerAddresses, customerPaymentMethods, customers } from "@/db/schema";
import type { Customer, StoredAddress } from "@/lib/gateway/types";

type CustomerRow = typeof customers.$inferInsert;
type AddressRow = typeof customerAddresses.$inferInsert;
type MethodRow = typeof customerPaymentMethods.$inferInsert;

/** The address that names the customer in lists: the default billing one, else the first. */
export function primaryAddress(c: Customer): StoredAddress | null {
  return c.addresses.find((a) => a.id === c.defaults.billingAddressId) ?? c.addresses[0] ?? null;
}

export function displayName(a: Pick<StoredAddress, "firstName" | "lastName"> | null): string | null {
  const name = [a?.firstName, a?.lastName]
    .filter((s) => s && s.trim())
    .join(" ")
    .trim();
  return name || null;
}

/** Domain customer → cache rows (masked payment data only; the domain type carries nothing else). */
export function rowsFromCustomer(
  merchantId: string,
  c: Customer,
  now = new Date(),
): { customer: CustomerRow; addresses: AddressRow[]; methods: MethodRow[] } {
  const primary = primaryAddress(c);
  const def = c.paymentMethods.find((p) => p.isDefault) ?? null;
  const created = c.createdAt ? new Date(c.createdAt) : now;
  return {
    customer: {
      merchantId,
      providerId: c.id,
      name: displayName(primary),
      email: primary?.email ?? null,
      company: primary?.company ?? null,
      phone: primary?.phone ?? null,
      description: c.description,
      defaultMethodKind: def?.kind ?? null,
      defaultCardBrand: def?.kind === "card" ? def.brand : null,
      defaultLastFour: def?.lastFour ?? null,
      defaultMasked: def ? (def.kind === "card" ? def.maskedNumber : def.maskedAccount) : null,
      paymentMethodCount: c.paymentMethods.length,
      providerCreatedAt: created,
      providerUpdatedAt: c.updatedAt ? new Date(c.updatedAt) : created,
      deletedAt: null,
      syncedAt: now,
    },
    addresses: c.addresses.map((a, position) => ({
      merchantId,
      customerId: c.id,
      addressId: a.id,
      position,
      firstName: a.firstName,
      lastName: a.lastName,
      company: a.company,
      line1: a.line1,
      line2: a.line2,
      city: a.city,
      state: a.state,
      postalCode: a.postalCode,
      country: a.country,
      email: a.email,
      phone: a.phone,
      isDefaultBilling: a.id === c.defaults.billingAddressId,
      isDefaultShipping: a.id === c.defaults.shippingAddressId,
    })),
    methods: c.paymentMethods.map((p, position) => ({
      merchantId,
      customerId: c.id,
      paymentMethodId: p.id,
      position,
      kind: p.kind,
      cardBrand: p.kind === "card" ? p.brand : null,
      masked: p.kind === "card" ? p.maskedNumber : p.maskedAccount,
      lastFour: p.lastFour,
      expiration: p.kind === "card" ? p.expiration : null,
      accountType: p.kind === "ach" ? p.accountType : null,
      isDefault: p.isDefault,
    })),
  };
}

export interface CustomerUpsertResult {
  written: number;
  /** Older than the cached copy (out-of-order webhook, stale page): ignored. */
  stale: number;
}

/**
 * Idempotent write-through of vault customers, keyed by (merchant, provider id), with their addresses and
 * payment methods replaced in the same database transaction. Never moves a customer backwards in time.
 */
export async function upsertCustomers(
  db: DbOrTx,
  merchantId: string,
  items: Customer[],
  now = new Date(),
): Promise<CustomerUpsertResult> {
  const result: CustomerUpsertResult = { written: 0, stale: 0 };
  if (items.length === 0) return result;
  const byId = new Map(items.map((c) => [c.id, rowsFromCustomer(merchantId, c, now)]));
  await db.transaction(async (tx) => {
    const ids = [...byId.keys()].sort();
    // Serialise concurrent write-throughs of the same customers (rows may not exist yet, so lock by key).
    for (const id of ids) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`customers:${merchantId}:${id}`}))`);
    }
    const existing = await tx
      .select({ providerId: customers.providerId, providerUpdatedAt: customers.providerUpdatedAt })
      .from(customers)
      .where(and(eq(customers.merchantId, merchantId), inArray(customers.providerId, ids)));
    const old = new Map(existing.map((r) => [r.providerId, r.providerUpdatedAt]));
    for (const id of ids) {
      const rows = byId.get(id);
      if (!rows) continue;
      const prev = old.get(id);
      if (prev && prev.getTime() > (rows.customer.providerUpdatedAt as Date).getTime()) {
        result.stale++;
        continue;
      }
      const { merchantId: _m, providerId: _p, ...set } = rows.customer;
      await tx
        .insert(customers)
        .values(rows.customer)
        .onConflictDoUpdate({ target: [customers.merchantId, customers.providerId], set });
      const scope = (t: typeof customerAddresses | typeof customerPaymentMethods) =>
        and(eq(t.merchantId, merchantId), eq(t.customerId, id));
      await tx.delete(customerAddresses).where(scope(customerAddresses));
      await tx.delete(customerPaymentMethods).where(scope(customerPaymentMethods));
      if (rows.addresses.length) await tx.insert(customerAddresses).values(rows.addresses);
      if (rows.methods.length) await tx.insert(customerPaymentMethods).values(rows.methods);
      result.written++;
    }
  });
  return result;
}

/** The customer was deleted at the gateway: keep the row for history (transactions name it), hide it from lists. */
export async function markCustomerDeleted(db: DbOrTx, merchantId: string, customerId: string, now = new Date()) {
  await db.transaction(async (tx) => {
    await tx
      .update(customers)
      .set({
        deletedAt: now,
        providerUpdatedAt: now,
        syncedAt: now,
        paymentMethodCount: 0,
        defaultLastFour: null,
        defaultMasked: null,
      })
      .where(and(eq(customers.merchantId, merchantId), eq(customers.providerId, customerId)));
    await tx
      .delete(customerPaymentMethods)
      .where(and(eq(customerPaymentMethods.merchantId, merchantId), eq(customerPaymentMethods.customerId, customerId)));
  });
}
