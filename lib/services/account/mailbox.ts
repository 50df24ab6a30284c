import { and, desc, isNull, like } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { outbox } from "@/db/schema";

/**
 * Account messages of the outbox (password resets: no merchant), newest first, for the demo mailbox page.
 * Sandbox mode only: this is how a demo user reads a reset link without a mail server.
 */
export async function listAccountMessages(limit = 20, db: DbOrTx = getDb()) {
  return db
    .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, body: outbox.body, createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(isNull(outbox.merchantId), like(outbox.topic, "user.%")))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}
