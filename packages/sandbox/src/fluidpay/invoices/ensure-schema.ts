import { ensureSchema as ensureCoreSchema, registerDdl, SCHEMA } from "../core/schema";

/**
 * Invoices keep their validated request fields as jsonb plus the columns that searches, payments and
 * the public page need. Payments are rows of their own: a `pending` row reserves its amount while the
 * charge runs, so concurrent payments can never add up to more than the amount due.
 */
const DDL = `
create table if not exists ${SCHEMA}.invoice_invoices (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  id text not null,
  public_hash text not null unique,
  fields jsonb not null,
  customer_id text not null default '',
  invoice_number text not null default '',
  date_due timestamptz not null,
  total bigint not null,
  amount_paid bigint not null default 0,
  amount_due bigint not null,
  status text not null,
  marked_paid boolean not null default false,
  mark_note text not null default '',
  last_sent_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id)
);
create index if not exists invoice_invoices_due on ${SCHEMA}.invoice_invoices (account_id, date_due);
create table if not exists ${SCHEMA}.invoice_payments (
  account_id text not null,
  invoice_id text not null,
  id text not null,
  amount bigint not null,
  status text not null check (status in ('pending', 'approved', 'declined', 'failed', 'duplicate')),
  transaction_id text,
  idempotency_key text,
  created_at timestamptz not null default now(),
  primary key (account_id, id),
  foreign key (account_id, invoice_id) references ${SCHEMA}.invoice_invoices(account_id, id) on delete cascade
);
create unique index if not exists invoice_payments_txn
  on ${SCHEMA}.invoice_payments (account_id, transaction_id) where status = 'approved';
create index if not exists invoice_payments_invoice on ${SCHEMA}.invoice_payments (account_id, invoice_id);
`;

registerDdl(DDL);

/** Core tables plus ours, once per process (the core memoises and serialises the DDL). */
export function ensureSchema(): Promise<void> {
  return ensureCoreSchema();
}
