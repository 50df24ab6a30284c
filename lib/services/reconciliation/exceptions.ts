import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getDb } from "@/db/client";
import { memberships, reconExceptions, type ReconExceptionKind } from "@/db/schema";
import { NotFound } from "@/lib/auth/errors";
import { writeAudit } from "@/lib/services/audit/write";
import { emitMerchantEvent } from "@/lib/sync/merchant-events";
import type { Cents } from "@/lib/money";

export interface RaiseExceptionInput {
  merchantId: string;
  kind: ReconExceptionKind;
  /** What it is about (with `kind`, the dedupe key): a deposit, batch, transaction or invoice id. */
  subjectId: string;
  reason: string;
  expected?: Cents | null;
  actual?: Cents | null;
  depositId?: string | null;
  batchId?: string | null;
  transactionId?: string | null;
  invoiceId?: string | null;
}

export interface RaisedException {
  id: string;
  created: boolean;
  input: RaiseExceptionInput;
}

/** The `data` of an exception.* outbound event (issue 20 §4): amounts in cents, ids to trace it. */
function exceptionEvent(id: string, e: RaiseExceptionInput | typeof reconExceptions.$inferSelect, status: string) {
  return {
    id,
    kind: e.kind,
    reason: e.reason,
    status,
    expected: e.expected ?? null,
    actual: e.actual ?? null,
    depositId: e.depositId ?? null,
    batchId: e.batchId ?? null,
    transactionId: e.transactionId ?? null,
    invoiceId: e.invoiceId ?? null,
  };
}

/**
 * THE place exceptions are created. Raising the same (merchant, kind, subject) again refreshes the figures and reason
 * of an open exception and leaves a resolved or ignored one alone; the first raise writes an audit row.
 */
export async function raiseException(input: RaiseExceptionInput, db: DbOrTx = getDb()): Promise<RaisedException> {
  const values = {
    merchantId: input.merchantId,
    kind: input.kind,
    subjectId: input.subjectId,
    reason: input.reason,
    expected: input.expected ?? null,
    actual: input.actual ?? null,
    depositId: input.depositId ?? null,
    batchId: input.batchId ?? null,
    transactionId: input.transactionId ?? null,
    invoiceId: input.invoiceId ?? null,
  };
  const [row] = await db
    .insert(reconExceptions)
    .values(values)
    .onConflictDoUpdate({
      target: [reconExceptions.merchantId, reconExceptions.kind, reconExceptions.subjectId],
      set: {
        reason: sql`case when ${reconExceptions.status} = 'open' then excluded.reason else ${reconExceptions.reason} end`,
        expected: sql`case when ${reconExceptions.status} = 'open' then excluded.expected else ${reconExceptions.expected} end`,
        actual: sql`case when ${reconExceptions.status} = 'open' then excluded.actual else ${reconExceptions.actual} end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: reconExceptions.id, created: sql<boolean>`(xmax = 0)` });
  if (!row) throw new Error("exception not recorded");
  const raised = { id: row.id, created: row.created, input };
  if (row.created) {
    await writeAudit(db, {
      actorLabel: "system:reconciliation",
      merchantId: input.merchantId,
      action: "reconciliation.exception.raised",
      targetType: "recon_exception",
      targetId: row.id,
      after: values,
    });
    await emitMerchantEvent(input.merchantId, "exception.created", exceptionEvent(row.id, input, "open"), db);
  }
  return raised;
}

export interface ExceptionActor {
  merchantId: string;
  userId: string;
}

async function load(tx: DbOrTx, actor: ExceptionActor, id: string) {
  const [row] = await tx
    .select()
    .from(reconExceptions)
    .where(and(eq(reconExceptions.merchantId, actor.merchantId), eq(reconExceptions.id, id)))
    .for("update");
  if (!row) throw new NotFound("exception");
  return row;
}

/** Resolve or ignore with a note (audited). */
export async function closeException(
  actor: ExceptionActor,
  input: { id: string; outcome: "resolved" | "ignored"; note: string },
): Promise<void> {
  await getDb().transaction(async (tx) => {
    const before = await load(tx, actor, input.id);
    const after = {
      status: input.outcome,
      note: input.note,
      resolvedByUserId: actor.userId,
      resolvedAt: new Date(),
      updatedAt: new Date(),
    };
    await tx.update(reconExceptions).set(after).where(eq(reconExceptions.id, before.id));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId: actor.merchantId,
      action: `reconciliation.exception.${input.outcome}`,
      targetType: "recon_exception",
      targetId: before.id,
      before: { status: before.status, note: before.note },
      after: { status: input.outcome, note: input.note },
    });
    await emitMerchantEvent(
      actor.merchantId,
      "exception.resolved",
      { ...exceptionEvent(before.id, before, input.outcome), note: input.note },
      tx,
    );
  });
}

/** Give the exception an owner (a member of the merchant) and/or a note; reopen is not offered. */
export async function assignException(
  actor: ExceptionActor,
  input: { id: string; ownerUserId: string | null; note?: string },
): Promise<void> {
  await getDb().transaction(async (tx) => {
    const before = await load(tx, actor, input.id);
    if (input.ownerUserId) {
      const [m] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.merchantId, actor.merchantId), eq(memberships.userId, input.ownerUserId)));
      if (!m) throw new NotFound("team member");
    }
    const after = {
      ownerUserId: input.ownerUserId,
      ...(input.note !== undefined ? { note: input.note } : {}),
      updatedAt: new Date(),
    };
    await tx.update(reconExceptions).set(after).where(eq(reconExceptions.id, before.id));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      merchantId: actor.merchantId,
      action: "reconciliation.exception.assigned",
      targetType: "recon_exception",
      targetId: before.id,
      before: { ownerUserId: before.ownerUserId, note: before.note },
      after: { ownerUserId: input.ownerUserId, note: input.note ?? before.note },
    });
  });
}
