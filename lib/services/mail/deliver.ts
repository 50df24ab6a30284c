import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mailAttempts, mailMessages } from "@/db/schema";
import { unseal } from "@/lib/crypto/keys";
import { log } from "@/lib/log";
import { MAIL_SEAL_PURPOSE, mailPayloadBinding } from "./sealing";
import type { SealedPayload } from "./send";
import { DeliveryFailed, deliver } from "@/lib/mail/transport";

/** A message stuck in "sending" this long (a worker died mid-delivery) may be claimed again. */
const STALE_SENDING = "10 minutes";

export type DeliveryOutcome =
  | { kind: "sent"; response: string }
  | { kind: "skipped"; reason: "already-sent" | "not-found" | "in-flight" | "failed" }
  | { kind: "retry"; response: string }
  | { kind: "failed"; response: string };

/**
 * One delivery attempt of one message (the body of the `mail-send` job). Claims the message with a conditional
 * update (a sent message is never sent again: idempotent per message id), sends it over SMTP with a Message-ID
 * derived from the message id (so a receiving server can also drop a duplicate), and records the attempt and the
 * server's answer. The sealed content is erased once the message is sent or given up.
 */
export async function deliverMessage(messageId: string, opts: { final: boolean }): Promise<DeliveryOutcome> {
  const db = getDb();
  const [claimed] = await db
    .update(mailMessages)
    .set({ status: "sending", attempts: sql`${mailMessages.attempts} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(mailMessages.id, messageId),
        or(
          inArray(mailMessages.status, ["queued", "retrying"]),
          and(
            eq(mailMessages.status, "sending"),
            lt(mailMessages.updatedAt, sql`now() - ${sql.raw(`interval '${STALE_SENDING}'`)}`),
          ),
        ),
      ),
    )
    .returning({ attempts: mailMessages.attempts, payloadEnc: mailMessages.payloadEnc, to: mailMessages.to });
  if (!claimed) {
    const [row] = await db
      .select({ status: mailMessages.status })
      .from(mailMessages)
      .where(eq(mailMessages.id, messageId));
    if (!row) return { kind: "skipped", reason: "not-found" };
    return {
      kind: "skipped",
      reason: row.status === "sent" ? "already-sent" : row.status === "failed" ? "failed" : "in-flight",
    };
  }
  const attempt = claimed.attempts;
  if (!claimed.payloadEnc) return record(messageId, attempt, { code: null, response: "message content missing" }, true);
  const p = JSON.parse(unseal(claimed.payloadEnc, MAIL_SEAL_PURPOSE, mailPayloadBinding(messageId))) as SealedPayload;
  try {
    const answer = await deliver({
      messageId: p.messageIdHeader,
      from: p.from,
      to: claimed.to,
      replyTo: p.replyTo,
      subject: p.subject,
      html: p.html,
      text: p.text,
    });
    await db.transaction(async (tx) => {
      await tx
        .update(mailMessages)
        .set({
          status: "sent",
          lastResponse: answer.response,
          sentAt: new Date(),
          updatedAt: new Date(),
          payloadEnc: null,
        })
        .where(eq(mailMessages.id, messageId));
      await tx.insert(mailAttempts).values({ messageId, attempt, outcome: "sent", ...answer });
    });
    return { kind: "sent", response: answer.response };
  } catch (err) {
    if (!(err instanceof DeliveryFailed)) throw err;
    log().warn({ messageId, attempt, smtp: err.answer.response }, "mail delivery attempt failed");
    return record(messageId, attempt, err.answer, err.permanent || opts.final);
  }
}

async function record(
  messageId: string,
  attempt: number,
  answer: { code: number | null; response: string },
  giveUp: boolean,
): Promise<DeliveryOutcome> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(mailMessages)
      .set({
        status: giveUp ? "failed" : "retrying",
        lastResponse: answer.response,
        updatedAt: new Date(),
        ...(giveUp ? { payloadEnc: null } : {}),
      })
      .where(eq(mailMessages.id, messageId));
    await tx.insert(mailAttempts).values({ messageId, attempt, outcome: "failed", ...answer });
  });
  return giveUp ? { kind: "failed", response: answer.response } : { kind: "retry", response: answer.response };
}
