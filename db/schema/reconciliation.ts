import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { gatewayFamily, merchants } from "./merchants";
import { users } from "./users";

const cents = () => bigint({ mode: "number" });

/** One traced line of a deposit: a settled sale or refund, a chargeback, a fee or an adjustment. */
export interface DepositLineRecord {
  kind: "sale" | "refund" | "chargeback" | "fee" | "adjustment";
  /** Signed effect on the deposit, cents (a refund, fee or chargeback is negative). */
  amount: number;
  transactionId: string | null;
  batchId: string | null;
  label: string;
}

/**
 * Deposits as the reconciliation job sees them (issue 20 §1). CardPointe: one row per `funding` record (its
 * `fundingid`); the gateway family has no funding API (seed 003 documents settlement batches only), so each settled
 * batch is its own deposit, funded with the batch's `net_deposit` (docs/decisions.md). `expected` is the portal's
 * own figure (lib/services/reconciliation/expected.ts); `funded` is what the processor reports it paid.
 */
export const deposits = pgTable(
  "deposits",
  {
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    providerId: text().notNull(),
    family: gatewayFamily().notNull(),
    depositDate: date({ mode: "string" }).notNull(),
    currency: text().notNull().default("USD"),
    batchIds: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Sum of the deposit's batches' net (sales − refunds), cents. */
    batchesNet: cents().notNull().default(0),
    /** Fees as a positive cost. */
    fees: cents().notNull().default(0),
    /** Signed sum of adjustments (negative = taken). */
    adjustments: cents().notNull().default(0),
    /** Chargebacks as a positive debit. */
    chargebacks: cents().notNull().default(0),
    expected: cents().notNull(),
    funded: cents().notNull(),
    status: text({ enum: ["reconciled", "exception"] }).notNull(),
    lines: jsonb().$type<DepositLineRecord[]>().notNull(),
    bankAccount: text(),
    reconciledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.providerId] }), index().on(t.merchantId, t.depositDate)],
);

export const reconExceptionKinds = [
  "unfunded_batch",
  "funding_mismatch",
  "unsettled_capture",
  "invoice_unsettled",
  "orphan_refund",
] as const;
export type ReconExceptionKind = (typeof reconExceptionKinds)[number];

/**
 * The exceptions queue. One row per (merchant, kind, subject): raising the same exception again updates its figures
 * and never reopens one a person resolved or ignored.
 */
export const reconExceptions = pgTable(
  "recon_exceptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    kind: text({ enum: reconExceptionKinds }).notNull(),
    /** What it is about: a deposit, batch, transaction or invoice id (with `kind`, the dedupe key). */
    subjectId: text().notNull(),
    reason: text().notNull(),
    expected: cents(),
    actual: cents(),
    depositId: text(),
    batchId: text(),
    transactionId: text(),
    invoiceId: text(),
    status: text({ enum: ["open", "resolved", "ignored"] })
      .notNull()
      .default("open"),
    ownerUserId: uuid().references(() => users.id),
    note: text(),
    resolvedByUserId: uuid().references(() => users.id),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.merchantId, t.status, t.createdAt),
    uniqueIndex("recon_exceptions_subject_uq").on(t.merchantId, t.kind, t.subjectId),
  ],
);

/** Per-merchant reconciliation and batch settings (defaults apply while there is no row). */
export const reconSettings = pgTable("recon_settings", {
  merchantId: uuid()
    .primaryKey()
    .references(() => merchants.id),
  /** A settled batch with no deposit after this many days is an exception. */
  fundingGraceDays: integer().notNull().default(3),
  /** A capture still unsettled after this many days is an exception. */
  settleGraceDays: integer().notNull().default(2),
  /** Daily batch close, "HH:MM" UTC on the gateway's clock; null = off. */
  autoCloseAt: text(),
  lastAutoCloseDay: date({ mode: "string" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
