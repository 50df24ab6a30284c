import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const partners = pgTable("partners", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  /**
   * The CoPilot environment the partner boards in (sandbox = built-in emulator, uat = api-uat.cardconnect.com,
   * production). Null: the portal's default (sandbox in sandbox mode, else production).
   */
  copilotEnvironment: text({ enum: ["sandbox", "uat", "production"] }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
