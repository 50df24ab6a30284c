import { and, count, desc, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { outbox } from "@/db/schema";
import { paginate } from "./paginate";

export interface OutboxMessage {
  merchantId: string | null;
  channel: "email" | "text";
  to: string;
  subject?: string | null;
  body: string;
  topic?: string | null;
  reference?: string | null;
}

export async function insertOutbox(messages: OutboxMessage[], db: DbOrTx = getDb()) {
  if (messages.length === 0) return [];
  return db
    .insert(outbox)
    .values(messages.map((m) => ({ ...m, subject: m.subject ?? null, topic: m.topic ?? null })))
    .returning({ id: outbox.id });
}

/** A merchant's messages, newest first; optionally one topic/reference (e.g. one invoice's deliveries). */
export async function listOutbox(
  params: { merchantId: string; reference?: string; page?: number; pageSize?: number },
  db: DbOrTx = getDb(),
) {
  const where = and(
    eq(outbox.merchantId, params.merchantId),
    params.reference ? eq(outbox.reference, params.reference) : undefined,
  );
  return paginate(
    params,
    db
      .select({
        id: outbox.id,
        channel: outbox.channel,
        to: outbox.to,
        subject: outbox.subject,
        body: outbox.body,
        topic: outbox.topic,
        reference: outbox.reference,
        createdAt: outbox.createdAt,
      })
      .from(outbox)
      .where(where)
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .$dynamic(),
    db.select({ n: count() }).from(outbox).where(where),
  );
}
