import type pg from "pg";
import { sandboxPool } from "../../pool";
import { sandboxSchema } from "../../schema-store";

/** Every table of the gateway sandbox lives in this schema (the portal's own tables stay in `public`). */
export const SCHEMA = "sandbox_gateway";

const DDL = `
create schema if not exists ${SCHEMA};
create table if not exists ${SCHEMA}.accounts (
  id text primary key,
  merchant_id text not null unique,
  api_key text not null unique,
  public_key text not null unique,
  name text not null,
  batch_time text not null default '23:00',
  processor_id text not null,
  clock_offset_ms bigint not null default 0,
  last_tick timestamptz not null,
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create table if not exists ${SCHEMA}.transactions (
  id text primary key,
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  type text not null,
  status text not null,
  created_at timestamptz not null,
  settlement_batch_id text,
  terminal_id text,
  data jsonb not null,
  internal jsonb not null default '{}'
);
create index if not exists transactions_account_created on ${SCHEMA}.transactions (account_id, created_at desc);
create index if not exists transactions_account_status on ${SCHEMA}.transactions (account_id, status);
create table if not exists ${SCHEMA}.idempotency (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  key text not null,
  transaction_id text not null,
  expires_at timestamptz not null,
  primary key (account_id, key)
);
create table if not exists ${SCHEMA}.batches (
  id text primary key,
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  batch_number integer not null,
  batch_date timestamptz not null,
  terminal_id text,
  data jsonb not null,
  unique (account_id, batch_number)
);
create table if not exists ${SCHEMA}.customers (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  id text not null,
  data jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id)
);
create table if not exists ${SCHEMA}.customer_addresses (
  id text primary key,
  account_id text not null,
  customer_id text not null,
  hash text not null,
  data jsonb not null,
  created_at timestamptz not null,
  foreign key (account_id, customer_id) references ${SCHEMA}.customers(account_id, id) on delete cascade
);
create table if not exists ${SCHEMA}.payment_methods (
  id text primary key,
  account_id text not null,
  customer_id text not null,
  type text not null,
  data jsonb not null,
  sealed text not null,
  created_at timestamptz not null,
  foreign key (account_id, customer_id) references ${SCHEMA}.customers(account_id, id) on delete cascade
);
create table if not exists ${SCHEMA}.tokens (
  id text primary key,
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  type text not null,
  data jsonb not null,
  sealed text not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create table if not exists ${SCHEMA}.terminals (
  id text primary key,
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  tpn text not null,
  data jsonb not null
);
create table if not exists ${SCHEMA}.filebatches (
  id text primary key,
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  status text not null,
  num_lines integer not null,
  processed_lines integer not null default 0,
  columns jsonb not null,
  input_sealed text not null,
  results jsonb not null default '[]',
  created_at timestamptz not null
);
create table if not exists ${SCHEMA}.webhook_configs (
  account_id text primary key references ${SCHEMA}.accounts(id) on delete cascade,
  url text not null,
  secret_sealed text not null
);
alter table ${SCHEMA}.webhook_configs add column if not exists previous_secret_sealed text;
alter table ${SCHEMA}.webhook_configs add column if not exists rotated_at timestamptz;
create table if not exists ${SCHEMA}.webhook_deliveries (
  id text primary key,
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  type text not null,
  url text not null,
  body text not null,
  attempts integer not null default 0,
  status text not null default 'pending',
  last_error text,
  next_attempt_at timestamptz not null,
  created_at timestamptz not null default now()
);
create table if not exists ${SCHEMA}.faults (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  path_prefix text not null,
  error_rate double precision not null default 0,
  latency_ms integer not null default 0,
  timeout_rate double precision not null default 0,
  primary key (account_id, path_prefix)
);
alter table ${SCHEMA}.faults add column if not exists timeout_after_commit_rate double precision not null default 0;
`;

const extraDdl: string[] = [];
const store = sandboxSchema("sandbox_gateway", () => [DDL, ...extraDdl]);

/** Other parts of the sandbox (recurring, invoices) add their idempotent DDL here before the first request. */
export function registerDdl(sql: string): void {
  extraDdl.push(sql);
  store.reset();
}

export const { ensureSchema, withTx } = store;

/** A query on the pool after the schema exists. */
export async function q<R extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  await ensureSchema();
  return sandboxPool().query<R>(sql, params);
}

/** A pool or a client inside a transaction: store functions accept either. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** The pool as a Queryable, after the schema exists. */
export async function pooled(): Promise<Queryable> {
  await ensureSchema();
  return sandboxPool();
}
