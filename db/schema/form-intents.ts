import { jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampNow } from "./columns";

/**
 * What a form submission created, by its intent (lib/services/intents.ts): a resubmission of the same form (double
 * click, retry after a timeout, a second tab) answers with the first result instead of creating a second object at
 * the provider. `scope` is the merchant or partner id the action ran for.
 */
export const formIntents = pgTable(
  "form_intents",
  {
    scope: text().notNull(),
    key: text().notNull(),
    kind: text().notNull(),
    result: jsonb().notNull(),
    createdAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
