import { randomInt } from "node:crypto";
import type pg from "pg";
import { dotnetTime, masked, resolveCard, type CardRow } from "./cards";
import { json, Money, parseAmount, parseBool, Problem, readBody, text, validation } from "./http";
import { tx } from "./schema";
import { storeNow, type Store } from "./stores";

/**
 * Card transactions. Each runs in one database transaction with the card row locked, so two
 * terminals redeeming the same card cannot both spend its balance. A repeated PosRef for the same
 * kind of transaction replays the first answer instead of moving money twice (POS retry safety).
 */

/** The most a card may hold; a load that would pass it is refused. */
export const MAX_BALANCE_CENTS = 1_000_000;

type Kind = "sell" | "reload" | "redeem";

function checkFranchisee(store: Store, b: Record<string, unknown>) {
  const f = text(b.franchiseeid);
  if (f && f.toLowerCase() !== store.franchiseeId.toLowerCase())
    throw new Problem(403, "Forbidden", "FranchiseeID does not belong to this store's credentials.");
}

function hostRef(): string {
  return `${Date.now().toString().slice(-8)}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}

/** A replay of a PosRef already used for this kind, or undefined. A different card or amount is a conflict. */
async function replay(
  c: pg.PoolClient,
  store: Store,
  kind: Kind,
  posRef: string | undefined,
  cardId: string,
  cents: number,
) {
  if (!posRef) return undefined;
  const r = await c.query<{ card_id: string; amount_cents: string; response: unknown }>(
    `select card_id, amount_cents, response from sandbox_giftcard.transactions where store_pk = $1 and kind = $2 and pos_ref = $3`,
    [store.pk, kind, posRef],
  );
  const prior = r.rows[0];
  if (!prior) return undefined;
  if (String(prior.card_id) !== String(cardId) || Number(prior.amount_cents) !== cents)
    throw new Problem(409, "Conflict", `PosRef ${posRef} was already used for a different ${kind}.`);
  return prior.response;
}

async function record(
  c: pg.PoolClient,
  store: Store,
  card: CardRow,
  t: {
    kind: Kind;
    amount: number;
    approved: number;
    previous: number;
    next: number;
    posRef?: string;
    hostRef: string;
    now: Date;
  },
  response: Record<string, unknown>,
) {
  // The stored answer keeps money as cents; it is turned back into Money when replayed.
  await c.query(
    `insert into sandbox_giftcard.transactions (store_pk, card_id, kind, amount_cents, approved_cents, previous_cents,
       new_cents, pos_ref, host_ref, response, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      store.pk,
      card.id,
      t.kind,
      t.amount,
      t.approved,
      t.previous,
      t.next,
      t.posRef ?? null,
      t.hostRef,
      JSON.stringify(response),
      t.now,
    ],
  );
}

const MONEY_KEYS = ["balance", "Approvedbalance", "Previousbalance", "Newbalance"];
const toWire = (r: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, MONEY_KEYS.includes(k) && typeof v === "number" ? new Money(v) : v]),
  );

function usable(card: CardRow, now: Date, kind: Kind) {
  if (kind === "sell") {
    if (card.activated) throw new Problem(409, "Conflict", "The card has already been sold and activated.");
    return;
  }
  if (!card.activated) throw new Problem(400, "Bad Request", "The card has not been sold yet; use sellnewcard.");
  if (!card.active)
    throw new Problem(
      400,
      "Bad Request",
      `The card is inactive${card.status_reason ? ` (${card.status_reason})` : ""}.`,
    );
  if (card.expires_at && card.expires_at <= now) throw new Problem(400, "Bad Request", "The card has expired.");
}

async function load(req: Request, store: Store, kind: "sell" | "reload"): Promise<Response> {
  const b = await readBody(req);
  checkFranchisee(store, b);
  const cents = parseAmount(b.amount);
  const posRef = text(b.posref);
  const result = await tx(async (c) => {
    const card = await resolveCard(c, store, b);
    const prior = await replay(c, store, kind, posRef, card.id, cents);
    if (prior) return prior as Record<string, unknown>;
    const now = storeNow(store);
    usable(card, now, kind);
    const previous = Number(card.balance_cents);
    const next = previous + cents;
    if (next > MAX_BALANCE_CENTS)
      throw validation("amount", `A card may hold at most ${(MAX_BALANCE_CENTS / 100).toFixed(2)}.`);
    const expires = new Date(now);
    expires.setUTCFullYear(expires.getUTCFullYear() + 5);
    await c.query(
      `update sandbox_giftcard.cards set balance_cents = $2, last_used_at = $3,
         activated = true, active = true, activated_at = coalesce(activated_at, $3), expires_at = coalesce(expires_at, $4)
       where id = $1`,
      [card.id, next, now, expires],
    );
    const ref = hostRef();
    const response = {
      statuscode: "000000",
      description: kind === "sell" ? "Card sold and activated" : "Card reloaded",
      HostRef: ref,
      cardno: masked(card),
      balance: next,
      status: true,
      franchiseeid: store.franchiseeId,
      storename: store.name,
      storeaddress: store.address,
      datetimereloaded: dotnetTime(now),
    };
    await record(
      c,
      store,
      card,
      { kind, amount: cents, approved: cents, previous, next, posRef, hostRef: ref, now },
      response,
    );
    return response;
  });
  return json(toWire(result));
}

export const sellNewCard = (req: Request, store: Store) => load(req, store, "sell");
export const reload = (req: Request, store: Store) => load(req, store, "reload");

/** Redeem: the whole amount, or, only when `acceptpartialamount` is true, whatever the card holds. */
export async function redeem(req: Request, store: Store): Promise<Response> {
  const b = await readBody(req);
  checkFranchisee(store, b);
  const cents = parseAmount(b.amount);
  const partial = parseBool(b.acceptpartialamount, "acceptpartialamount") ?? false;
  const posRef = text(b.posref);
  const result = await tx(async (c) => {
    const card = await resolveCard(c, store, b);
    const prior = await replay(c, store, "redeem", posRef, card.id, cents);
    if (prior) return prior as Record<string, unknown>;
    const now = storeNow(store);
    usable(card, now, "redeem");
    const previous = Number(card.balance_cents);
    if (previous === 0 || (previous < cents && !partial))
      throw new Problem(
        400,
        "Insufficient balance",
        `The card balance (${(previous / 100).toFixed(2)}) is less than the amount (${(cents / 100).toFixed(2)}).`,
      );
    const approved = Math.min(previous, cents);
    const next = previous - approved;
    await c.query(`update sandbox_giftcard.cards set balance_cents = $2, last_used_at = $3 where id = $1`, [
      card.id,
      next,
      now,
    ]);
    const ref = hostRef();
    const response = {
      statuscode: "000000",
      description: approved < cents ? "Partially approved" : "Approved",
      HostRef: ref,
      cardno: masked(card),
      Approvedbalance: approved,
      Previousbalance: previous,
      Newbalance: next,
      status: true,
      franchiseeid: store.franchiseeId,
      storename: store.name,
      storeaddress: store.address,
      datetimeradeemed: dotnetTime(now),
    };
    await record(
      c,
      store,
      card,
      { kind: "redeem", amount: cents, approved, previous, next, posRef, hostRef: ref, now },
      response,
    );
    return response;
  });
  return json(toWire(result));
}

export async function balanceCheck(req: Request, store: Store): Promise<Response> {
  const b = await readBody(req);
  const card = await tx((c) => resolveCard(c, store, b));
  return json({
    statuscode: "000000",
    description: "Success",
    cardending: card.last_four,
    balance: new Money(Number(card.balance_cents)),
    status: true,
    activated: card.activated && card.active,
    lastused: dotnetTime(card.last_used_at),
    expire: dotnetTime(card.expires_at),
  });
}

/** PATCH changestatus: activate or deactivate a sold card, with a reason (required to deactivate). */
export async function changeStatus(req: Request, store: Store): Promise<Response> {
  const b = await readBody(req);
  const active = parseBool(b.status, "status");
  if (active === undefined)
    throw validation("status", "The status field is required (true to activate, false to deactivate).");
  const reason = text(b.reason);
  if (!active && !reason) throw validation("reason", "A reason is required to deactivate a card.");
  if (reason && reason.length > 200) throw validation("reason", "The reason must be 200 characters or fewer.");
  const card = await tx(async (c) => {
    const row = await resolveCard(c, store, b);
    if (!row.activated) throw new Problem(400, "Bad Request", "The card has not been sold yet; use sellnewcard.");
    await c.query(`update sandbox_giftcard.cards set active = $2, status_reason = $3 where id = $1`, [
      row.id,
      active,
      reason ?? null,
    ]);
    return row;
  });
  return json({
    statuscode: "000000",
    description: active ? "Card activated" : "Card deactivated",
    card: masked(card),
    balance: new Money(Number(card.balance_cents)),
    status: true,
    active,
  });
}
