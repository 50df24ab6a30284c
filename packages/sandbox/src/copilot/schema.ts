import { sandboxSchema } from "../schema-store";
import { faultColumnsDdl } from "../row-faults";

/**
 * The CoPilot sandbox keeps its state in its own schema (never the portal's tables), created by
 * idempotent DDL once per process. Every row hangs off an API user, which is the tenant here.
 */
const DDL = `
create schema if not exists sandbox_copilot;

create table if not exists sandbox_copilot.users (
  id bigserial primary key,
  username text not null unique,
  password_hash text not null,
  client_secret_hash text not null,
  access_lifetime_s integer not null default 300,
  refresh_lifetime_s integer not null default 600,
  clock_offset_s bigint not null default 0,
  created_at timestamptz not null default now()
);

-- Fault injection (tests): added after the first release of the table, hence "add column if not exists".
${faultColumnsDdl("sandbox_copilot.users")}

create table if not exists sandbox_copilot.templates (
  id bigserial primary key,
  user_id bigint not null references sandbox_copilot.users(id) on delete cascade,
  name text not null,
  merchant jsonb not null
);

create sequence if not exists sandbox_copilot.merchant_id_seq start with 210000001;

create table if not exists sandbox_copilot.merchants (
  merchant_id bigint primary key,
  user_id bigint not null references sandbox_copilot.users(id) on delete cascade,
  template_id bigint not null,
  merchant jsonb not null,
  owner_site_user jsonb,
  boarding_status text not null default 'INPROG',
  gateway_status text not null default 'NOT_BOARDED',
  pending boolean not null default false,
  created_at timestamptz not null,
  status_changed_at timestamptz not null,
  approved_at timestamptz,
  boarded_at timestamptz,
  live_at timestamptz,
  declined_at timestamptz,
  cancelled_at timestamptz,
  signature_status text not null default 'NOT_SENT',
  signature_token text unique,
  signed_at timestamptz,
  signer jsonb,
  front_end_mid text unique
);
create index if not exists merchants_user_idx on sandbox_copilot.merchants(user_id);

create table if not exists sandbox_copilot.attachments (
  id bigserial primary key,
  merchant_id bigint not null references sandbox_copilot.merchants(merchant_id) on delete cascade,
  file_name text not null,
  mime_type text not null,
  description text,
  attachment_type_cd text not null,
  size_bytes integer not null,
  sha256 text not null,
  created_at timestamptz not null default now()
);

create sequence if not exists sandbox_copilot.order_id_seq start with 110001;

create table if not exists sandbox_copilot.orders (
  order_id bigint primary key,
  user_id bigint not null references sandbox_copilot.users(id) on delete cascade,
  merchant_id bigint not null references sandbox_copilot.merchants(merchant_id) on delete cascade,
  body jsonb not null,
  status text not null default 'NEW',
  created_at timestamptz not null,
  placed_at timestamptz,
  canceled_at timestamptz
);
create index if not exists orders_merchant_idx on sandbox_copilot.orders(merchant_id);

create sequence if not exists sandbox_copilot.billing_plan_id_seq start with 11001;

create table if not exists sandbox_copilot.billing_plans (
  billing_plan_id bigint primary key,
  user_id bigint not null references sandbox_copilot.users(id) on delete cascade,
  merch_id text not null,
  profile_id text not null,
  acct_id text not null,
  profile_guid text not null,
  amount_cents bigint not null,
  time_span smallint not null,
  every smallint not null,
  until_condition text not null,
  until_num_payments integer,
  until_date date,
  currency_symbol text not null,
  start_date date not null,
  name text not null,
  options jsonb not null,
  plan_status text not null default 'A'
);
create index if not exists billing_plans_merch_idx on sandbox_copilot.billing_plans(user_id, merch_id);

create table if not exists sandbox_copilot.billing_schedules (
  billing_plan_schedule_id bigserial primary key,
  billing_plan_id bigint not null references sandbox_copilot.billing_plans(billing_plan_id) on delete cascade,
  seq integer not null,
  scheduled_date date not null,
  scheduled_amount_cents bigint not null,
  payment_status text not null default 'Scheduled',
  actual_amount_cents bigint,
  actual_payment_date date,
  retref text,
  unique (billing_plan_id, seq)
);
`;

const store = sandboxSchema("sandbox_copilot", () => [DDL]);

export const { ensureSchema, db } = store;
/** Runs `fn` in one transaction on one connection. */
export const tx = store.withTx;
