import { sql } from "drizzle-orm";
import { bigint, bigserial, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { merchantRef } from "./merchants";
import { userRef } from "./users";
import { timestampNow } from "./columns";

/**
 * The one place a staff member's money-out (refunds, reverses by refund, credits, file-batch refund and credit rows,
 * gift-card loads) is counted against STAFF_REFUND_LIMIT_CENTS. A row is reserved before the provider is called
 * (under a short per-staff lock) and then marked done, released (the provider refused) or left unknown (the answer
 * was lost: it keeps counting). lib/services/transactions/money-out.ts is the only writer.
 */
export const staffMoneyOut = pgTable(
  "staff_money_out",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    merchantId: merchantRef(),
    userId: userRef(),
    /** refund | reverse | credit | file_batch | giftcard_sell | giftcard_reload */
    kind: text().notNull(),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull().default("USD"),
    /** reserved | done | unknown | released; released rows no longer count. */
    state: text().notNull().default("reserved"),
    /** The form intent's idempotency key, when the path has one: a resubmission reuses its reservation. */
    intentKey: text(),
    /** What the provider created or changed (transaction id, batch id, gift-card host ref), once known. */
    reference: text(),
    createdAt: timestampNow(),
    updatedAt: timestampNow(),
  },
  (t) => [
    index().on(t.merchantId, t.userId, t.createdAt),
    uniqueIndex()
      .on(t.merchantId, t.intentKey)
      .where(sql`state <> 'released'`),
  ],
);
