import { ensureSchema as ensureCoreSchema, registerDdl, SCHEMA } from "../core/schema";

/**
 * Tables of the recurring part of the gateway sandbox. Add-ons and discounts share one table (same
 * shape, `kind` tells them apart). Plans and subscriptions keep their attached add-ons/discounts as
 * resolved snapshots (jsonb), so deleting an add-on later does not change what a subscription bills.
 */
const DDL = `
create table if not exists ${SCHEMA}.recurring_adjustments (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  id text not null,
  kind text not null check (kind in ('addon', 'discount')),
  name text not null default '',
  description text not null default '',
  amount bigint,
  percentage integer,
  duration integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id),
  check (amount is null or percentage is null)
);
create index if not exists recurring_adjustments_kind on ${SCHEMA}.recurring_adjustments (account_id, kind, created_at);
create table if not exists ${SCHEMA}.recurring_plans (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  id text not null,
  name text not null,
  description text not null default '',
  amount bigint not null,
  billing_cycle_interval integer not null,
  billing_frequency text not null,
  billing_days text not null,
  duration integer not null default 0,
  add_ons jsonb not null default '[]',
  discounts jsonb not null default '[]',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id)
);
create table if not exists ${SCHEMA}.recurring_subscriptions (
  account_id text not null references ${SCHEMA}.accounts(id) on delete cascade,
  id text not null,
  plan_id text not null default '',
  plan_name text not null default '',
  description text not null default '',
  customer jsonb not null,
  amount bigint not null,
  currency text not null default 'USD',
  processor_id text not null default '',
  billing_cycle_interval integer not null,
  billing_frequency text not null,
  billing_days text not null,
  duration integer not null default 0,
  next_bill_date date not null,
  add_ons jsonb not null default '[]',
  discounts jsonb not null default '[]',
  status text not null,
  cycles_charged integer not null default 0,
  failed_attempts integer not null default 0,
  retry_date date,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, id)
);
create index if not exists recurring_subscriptions_due
  on ${SCHEMA}.recurring_subscriptions (account_id, status, next_bill_date);
create table if not exists ${SCHEMA}.recurring_charges (
  account_id text not null,
  subscription_id text not null,
  cycle integer not null,
  attempt integer not null,
  bill_date date not null,
  attempted_at timestamptz not null,
  amount bigint not null,
  add_ons bigint not null,
  discounts bigint not null,
  result text not null,
  transaction_id text,
  response_code integer,
  primary key (account_id, subscription_id, cycle, attempt)
);
`;

registerDdl(DDL);

/** Core tables plus ours, once per process (the core memoises and serialises the DDL). */
export function ensureSchema(): Promise<void> {
  return ensureCoreSchema();
}
