import { index, pgTable, text } from "drizzle-orm/pg-core";
import { merchantRef } from "./merchants";
import { rowId, timestampNow } from "./columns";

/**
 * A merchant's Elastic Path store (seed 004: the storefront charges a CardPointe profile through `card_connect`).
 * `credentials_enc` is the sealed access credential (purpose "elasticpath-credentials", bound to this row's id);
 * it is never sent to the browser — screens show its last four characters only.
 */
export const elasticPathStores = pgTable(
  "elastic_path_stores",
  {
    id: rowId(),
    merchantId: merchantRef(),
    name: text().notNull(),
    /** sandbox = the built-in emulator (/sandbox/elasticpath); production = the store's API host. */
    environment: text({ enum: ["sandbox", "production"] }).notNull(),
    /** API host root, e.g. https://useast.api.elasticpath.com (production only; the sandbox uses the portal's). */
    apiBase: text(),
    clientId: text().notNull(),
    credentialsEnc: text().notNull(),
    createdAt: timestampNow(),
    updatedAt: timestampNow(),
  },
  (t) => [index().on(t.merchantId)],
);
