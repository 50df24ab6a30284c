import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./merchants";
import { users } from "./users";
import { rowId, timestampNow } from "./columns";

/**
 * The delivery log: one row per email the portal sends (lib/mail). The row is written in the transaction of the
 * action that causes the mail, together with its pg-boss send job, so a rolled-back action sends nothing and a
 * committed one always has its job. `payload_enc` is the rendered message (from, subject, HTML, text) sealed with
 * AES-256-GCM — it may carry a one-time link — and is erased once the message is delivered or given up; what stays
 * (recipient, subject, status, SMTP answers) is what the "Sent messages" page shows. `idempotency_key` makes a
 * retried action enqueue the same message once.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: rowId(),
    merchantId: uuid().references(() => merchants.id),
    /** The account the message is addressed to, when it is one (account mails). */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    template: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    idempotencyKey: text().notNull(),
    /** What the message is about, for listing per record (e.g. an invoice id). */
    reference: text(),
    payloadEnc: text(),
    status: text({ enum: ["queued", "sending", "sent", "retrying", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer().notNull().default(0),
    /** The SMTP server's answer to the last attempt (e.g. "250 2.0.0 OK" or "421 4.7.0 try again later"). */
    lastResponse: text(),
    createdAt: timestampNow(),
    updatedAt: timestampNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex().on(t.idempotencyKey),
    index().on(t.merchantId, t.createdAt),
    index().on(t.merchantId, t.reference),
    index().on(t.to, t.createdAt),
  ],
);

/** Every delivery attempt of a message with the SMTP answer (append-only). */
export const mailAttempts = pgTable(
  "mail_attempts",
  {
    id: rowId(),
    messageId: uuid()
      .notNull()
      .references(() => mailMessages.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    outcome: text({ enum: ["sent", "failed"] }).notNull(),
    /** SMTP reply code (250, 421, 550...), null when no server answered (connection refused, timeout). */
    code: integer(),
    response: text().notNull(),
    at: timestampNow(),
  },
  (t) => [index().on(t.messageId, t.attempt)],
);
