import { pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { partners } from "./partners";
import { timestampNow } from "./columns";

/**
 * A partner's credentials at an external service (CoPilot API user), sealed with purpose
 * "partner-credentials". One row per (partner, provider, environment): sandbox, UAT and production never mix.
 */
export const partnerIntegrations = pgTable(
  "partner_integrations",
  {
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    provider: text({ enum: ["copilot"] }).notNull(),
    environment: text({ enum: ["sandbox", "uat", "production"] }).notNull(),
    credentialsEnc: text().notNull(),
    createdAt: timestampNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.provider, t.environment] })],
);
