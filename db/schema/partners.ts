import { pgTable, text } from "drizzle-orm/pg-core";
import { rowId, timestampNow } from "./columns";

export const partners = pgTable("partners", {
  id: rowId(),
  name: text().notNull(),
  /**
   * The CoPilot environment the partner boards in (sandbox = built-in emulator, uat = api-uat.cardconnect.com,
   * production). Null: the portal's default (sandbox in sandbox mode, else production).
   */
  copilotEnvironment: text({ enum: ["sandbox", "uat", "production"] }),
  createdAt: timestampNow(),
});
