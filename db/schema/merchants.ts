import { index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { partners } from "./partners";
import { rowId, timestampNow } from "./columns";

export const gatewayFamily = pgEnum("gateway_family", ["fluidpay", "cardpointe"]);
export const gatewayEnvironment = pgEnum("gateway_environment", ["sandbox", "uat", "production"]);

export const merchants = pgTable(
  "merchants",
  {
    id: rowId(),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    name: text().notNull(),
    gateway: gatewayFamily().notNull(),
    environment: gatewayEnvironment().notNull().default("sandbox"),
    /** Environment: sandbox = the built-in emulator, uat = the vendor's test hosts (<site>-uat…), production. */
    /** CardPointe site (host prefix without -uat), null for the gateway family. */
    site: text(),
    /** Processing MID (CardPointe merchid, or gateway merchant id). */
    mid: text(),
    /** AES-256-GCM sealed JSON of the provider credentials; never sent to the browser. */
    credentialsEnc: text(),
    status: text().notNull().default("live"),
    /** Branding of the emails sent for this merchant (lib/mail): accent colour (#rrggbb) and an https logo URL. */
    brandColor: text(),
    logoUrl: text(),
    /** Where customers' replies to the merchant's emails go (Reply-To). */
    supportEmail: text(),
    createdAt: timestampNow(),
  },
  (t) => [index().on(t.partnerId), index().on(t.gateway, t.mid)],
);

/** `uuid not null references merchants(id)`: the merchant a row belongs to. */
export const merchantRef = () =>
  uuid()
    .notNull()
    .references(() => merchants.id);
