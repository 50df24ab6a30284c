import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { customers } from "./transactions";

/**
 * The vault customer's addresses and stored payment methods, cached beside `customers` so the customer page
 * and the search by last four read only the cache. Replaced as a whole on every write-through of the
 * customer (the gateway answers with the full customer). Masked payment data only.
 */
export const customerAddresses = pgTable(
  "customer_addresses",
  {
    merchantId: uuid().notNull(),
    customerId: text().notNull(),
    addressId: text().notNull(),
    position: integer().notNull().default(0),
    firstName: text(),
    lastName: text(),
    company: text(),
    line1: text(),
    line2: text(),
    city: text(),
    state: text(),
    postalCode: text(),
    country: text(),
    email: text(),
    phone: text(),
    isDefaultBilling: boolean().notNull().default(false),
    isDefaultShipping: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.customerId, t.addressId] }),
    foreignKey({
      columns: [t.merchantId, t.customerId],
      foreignColumns: [customers.merchantId, customers.providerId],
    }).onDelete("cascade"),
  ],
);

export const customerPaymentMethods = pgTable(
  "customer_payment_methods",
  {
    merchantId: uuid().notNull(),
    customerId: text().notNull(),
    paymentMethodId: text().notNull(),
    position: integer().notNull().default(0),
    /** card | ach */
    kind: text().notNull(),
    cardBrand: text(),
    /** "411111******1111" or the masked account number. */
    masked: text(),
    lastFour: text(),
    /** "MM/YY" for cards. */
    expiration: text(),
    accountType: text(),
    isDefault: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.customerId, t.paymentMethodId] }),
    foreignKey({
      columns: [t.merchantId, t.customerId],
      foreignColumns: [customers.merchantId, customers.providerId],
    }).onDelete("cascade"),
    index().on(t.merchantId, t.lastFour),
  ],
);
