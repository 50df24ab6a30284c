import { sandboxSchema } from "../schema-store";
import { faultColumnsDdl } from "../row-faults";

/**
 * The gift-card sandbox's own schema. Money is integer cents here (decimals only on the wire);
 * card numbers are sealed, found again through a keyed hash, and never stored in clear.
 */
const DDL = `
create schema if not exists sandbox_giftcard;

create table if not exists sandbox_giftcard.stores (
  id bigserial primary key,
  store_id uuid not null unique,
  franchisee_id uuid not null unique,
  username text not null unique,
  password_hash text not null,
  store_name text not null,
  store_address text not null,
  clock_offset_s bigint not null default 0,
  created_at timestamptz not null default now()
);

-- Fault injection (tests): added after the first release of the table, hence "add column if not exists".
${faultColumnsDdl("sandbox_giftcard.stores")}

create table if not exists sandbox_giftcard.cards (
  id bigserial primary key,
  store_pk bigint not null references sandbox_giftcard.stores(id) on delete cascade,
  card_index text not null,
  card_sealed text not null,
  first_six text not null,
  last_four text not null,
  security_code_hash text not null,
  balance_cents bigint not null default 0 check (balance_cents >= 0),
  activated boolean not null default false,
  active boolean not null default false,
  status_reason text,
  activated_at timestamptz,
  last_used_at timestamptz,
  expires_at timestamptz,
  unique (store_pk, card_index)
);

create table if not exists sandbox_giftcard.tokens (
  token text primary key,
  store_pk bigint not null references sandbox_giftcard.stores(id) on delete cascade,
  card_id bigint not null references sandbox_giftcard.cards(id) on delete cascade,
  expires_at timestamptz not null
);

create table if not exists sandbox_giftcard.transactions (
  id bigserial primary key,
  store_pk bigint not null references sandbox_giftcard.stores(id) on delete cascade,
  card_id bigint not null references sandbox_giftcard.cards(id) on delete cascade,
  kind text not null,
  amount_cents bigint not null,
  approved_cents bigint not null,
  previous_cents bigint not null,
  new_cents bigint not null,
  pos_ref text,
  host_ref text not null unique,
  response jsonb not null,
  created_at timestamptz not null
);
create unique index if not exists transactions_pos_ref_uq
  on sandbox_giftcard.transactions (store_pk, kind, pos_ref) where pos_ref is not null;
create index if not exists transactions_store_time_idx on sandbox_giftcard.transactions (store_pk, created_at);
alter table sandbox_giftcard.transactions add column if not exists batched_at timestamptz;
`;

const store = sandboxSchema("sandbox_giftcard", () => [DDL]);

export const { ensureSchema, db } = store;
/** Runs `fn` in one transaction on one connection. */
export const tx = store.withTx;
