import type pg from "pg";
import { sandboxSchema } from "../schema-store";

/**
 * State of the CardPointe sandbox lives in its own schema, created by idempotent DDL once per process.
 * Times the emulated services see are "simulated": real time plus the merchant's clock offset.
 */
const DDL = `
create schema if not exists sandbox_cardpointe;
create table if not exists sandbox_cardpointe.merchants (
  merchid text primary key,
  site text not null,
  environment text not null check (environment in ('uat','prod')),
  username text not null,
  password text not null,
  terminal_api_key text not null unique,
  processor text not null default 'FNOR',
  currency text not null default 'USD',
  dba text not null default 'Sandbox Merchant',
  clock_offset_seconds bigint not null default 0,
  terminal_delay_ms integer not null default 1500,
  created_at timestamptz not null default now()
);
alter table sandbox_cardpointe.merchants
  add column if not exists fault_latency_ms integer not null default 0,
  add column if not exists fault_error_rate real not null default 0,
  add column if not exists fault_timeout_rate real not null default 0,
  add column if not exists fault_fail_next integer not null default 0,
  add column if not exists rate_limit_per_minute integer not null default 0,
  add column if not exists fault_timeout_after_commit_next integer not null default 0,
  add column if not exists tip_adjust boolean not null default false,
  add column if not exists funding_shortfall_minor integer not null default 0;
create table if not exists sandbox_cardpointe.chargebacks (
  id bigserial primary key,
  merchid text not null references sandbox_cardpointe.merchants(merchid),
  retref text not null,
  amount_minor integer not null,
  reasoncode text not null,
  reasondescription text not null,
  fundingid text,
  created_at timestamptz not null default now()
);
create index if not exists chargebacks_pending_idx on sandbox_cardpointe.chargebacks (merchid) where fundingid is null;
create table if not exists sandbox_cardpointe.rate_windows (
  merchid text not null,
  client text not null,
  window_start timestamptz not null,
  count integer not null,
  primary key (merchid, client, window_start)
);
create index if not exists merchants_site_idx on sandbox_cardpointe.merchants (site, environment);
create table if not exists sandbox_cardpointe.tokens (
  site text not null,
  environment text not null,
  token text not null,
  kind text not null check (kind in ('card','ach')),
  pan_sealed text not null,
  pan_hash text not null,
  is_unique boolean not null default false,
  first6 text not null,
  last4 text not null,
  expiry text,
  created_at timestamptz not null default now(),
  primary key (site, environment, token)
);
create unique index if not exists tokens_deterministic_idx
  on sandbox_cardpointe.tokens (site, environment, pan_hash) where not is_unique;
create table if not exists sandbox_cardpointe.batches (
  batchid text primary key,
  merchid text not null references sandbox_cardpointe.merchants(merchid),
  status text not null default 'open' check (status in ('open','closed')),
  hoststat text not null default '',
  hostbatch text,
  opened_at timestamptz not null,
  closed_at timestamptz,
  delivered boolean not null default false
);
create unique index if not exists batches_one_open_idx
  on sandbox_cardpointe.batches (merchid) where status = 'open';
create table if not exists sandbox_cardpointe.transactions (
  retref text primary key,
  merchid text not null references sandbox_cardpointe.merchants(merchid),
  kind text not null check (kind in ('auth','refund','credit')),
  orderid text,
  token text,
  account_kind text not null default 'card',
  first6 text not null default '',
  last4 text not null default '',
  expiry text,
  name text,
  amount_minor bigint not null,
  authorized_minor bigint not null,
  captured_minor bigint not null default 0,
  currency text not null default 'USD',
  respstat text not null,
  respcode text not null,
  resptext text not null,
  respproc text not null,
  authcode text,
  avsresp text,
  cvvresp text,
  setlstat text not null,
  batchid text,
  parent_retref text,
  profileid text,
  acctid text,
  entrymode text,
  ecomind text,
  cof text,
  signature text,
  userfields jsonb,
  authdate timestamptz not null,
  capturedate timestamptz,
  settledate timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists transactions_order_idx on sandbox_cardpointe.transactions (merchid, orderid);
create index if not exists transactions_batch_idx on sandbox_cardpointe.transactions (batchid);
create table if not exists sandbox_cardpointe.fundings (
  fundingid text primary key,
  merchid text not null references sandbox_cardpointe.merchants(merchid),
  fundingdate date not null,
  payload jsonb not null,
  retrieved boolean not null default false,
  created_at timestamptz not null default now()
);
create index if not exists fundings_merchant_idx on sandbox_cardpointe.fundings (merchid, fundingdate);
create table if not exists sandbox_cardpointe.profiles (
  profileid text primary key,
  merchid text not null references sandbox_cardpointe.merchants(merchid),
  created_at timestamptz not null default now()
);
create table if not exists sandbox_cardpointe.profile_accounts (
  profileid text not null references sandbox_cardpointe.profiles(profileid) on delete cascade,
  acctid integer not null,
  merchid text not null,
  fingerprint text not null,
  token text not null,
  data jsonb not null,
  defaultacct boolean not null default false,
  primary key (profileid, acctid)
);
create index if not exists profile_accounts_fingerprint_idx
  on sandbox_cardpointe.profile_accounts (merchid, fingerprint);
create table if not exists sandbox_cardpointe.terminals (
  hsn text primary key,
  merchid text not null references sandbox_cardpointe.merchants(merchid),
  behavior text not null check (behavior in ('approve','decline','timeout')),
  device_type text not null,
  session_key text,
  session_expires_at timestamptz,
  op_id text,
  op_cancelled boolean not null default false,
  display_text text not null default '',
  last_datetime text
);
`;

export type Queryable = Pick<pg.PoolClient, "query">;

export const { ensureSchema, db, withTx } = sandboxSchema("sandbox_cardpointe", () => [DDL]);
