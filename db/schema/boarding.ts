import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";
import { partners } from "./partners";
import { users } from "./users";
import { timestampNow } from "./columns";

/**
 * Boarding applications a partner prepares in the wizard and submits to CoPilot. `draft` holds the
 * wizard's values with SSNs and bank account numbers MASKED (last four only): the full values go to
 * CoPilot on submit and are never stored here. Status mirrors CoPilot's boarding process.
 */
export const boardingApplications = pgTable(
  "boarding_applications",
  {
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    id: uuid().notNull().defaultRandom(),
    createdByUserId: uuid().references(() => users.id),
    /** draft → submitted (INPROG) → signature_sent (OFS) → signed → approved|declined → boarded → live. */
    status: text({
      enum: ["draft", "submitted", "signature_sent", "signed", "approved", "declined", "boarded", "live"],
    })
      .notNull()
      .default("draft"),
    dbaName: text().notNull().default(""),
    ownerEmail: text(),
    gateway: text({ enum: ["fluidpay", "cardpointe"] })
      .notNull()
      .default("cardpointe"),
    draft: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    copilotMerchantId: text(),
    signatureUrl: text(),
    /** Front-end MID CoPilot assigned at BOARDED. */
    mid: text(),
    /** The portal merchant created when CoPilot reported LIVE. */
    merchantId: uuid().references(() => merchants.id),
    submittedAt: timestamp({ withTimezone: true }),
    signatureSentAt: timestamp({ withTimezone: true }),
    signedAt: timestamp({ withTimezone: true }),
    approvedAt: timestamp({ withTimezone: true }),
    declinedAt: timestamp({ withTimezone: true }),
    boardedAt: timestamp({ withTimezone: true }),
    liveAt: timestamp({ withTimezone: true }),
    provisionedAt: timestamp({ withTimezone: true }),
    lastCheckedAt: timestamp({ withTimezone: true }),
    createdAt: timestampNow(),
    updatedAt: timestampNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.id] }),
    index().on(t.partnerId, t.status),
    uniqueIndex().on(t.merchantId),
  ],
);
