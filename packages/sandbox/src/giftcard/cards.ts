import { randomInt } from "node:crypto";
import type pg from "pg";
import { json, Problem, readBody, text, validation } from "./http";
import { db } from "./schema";
import { cardIndex, codeHash, storeNow, type Store } from "./stores";

/** Card tokens live ten minutes on the store's simulated clock (the documented lifetime). */
export const TOKEN_SECONDS = 10 * 60;

export interface CardRow {
  id: string;
  first_six: string;
  last_four: string;
  security_code_hash: string;
  balance_cents: string;
  activated: boolean;
  active: boolean;
  status_reason: string | null;
  activated_at: Date | null;
  last_used_at: Date | null;
  expires_at: Date | null;
}

export const masked = (c: CardRow) => `${c.first_six}******${c.last_four}`;

/** .NET's round-trip format with an offset, as the seed shows (`2024-09-04T02:23:34.0541675-04:00`). */
export function dotnetTime(d: Date | null): string | null {
  if (!d) return null;
  return `${d.toISOString().slice(0, -1)}0000+00:00`;
}

function newToken(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}

/** POST /v1/Token: card number + security code → a 16-digit card token valid for ten minutes. */
export async function issueToken(req: Request, store: Store): Promise<Response> {
  const b = await readBody(req);
  const number = text(b.cardnumber)?.replace(/[\s-]/g, "");
  const code = text(b.securitycode);
  if (!number || !/^\d{12,19}$/.test(number))
    throw validation("cardnumber", "The cardnumber field must be 12 to 19 digits.");
  if (!code) throw validation("securitycode", "The securitycode field is required.");
  const pool = await db();
  const r = await pool.query<CardRow>(`select * from sandbox_giftcard.cards where store_pk = $1 and card_index = $2`, [
    store.pk,
    cardIndex(number),
  ]);
  const card = r.rows[0];
  if (!card) throw new Problem(404, "Not Found", "Card not found.");
  if (codeHash(code) !== card.security_code_hash) throw new Problem(400, "Bad Request", "Invalid security code.");
  const token = newToken();
  const expires = new Date(storeNow(store).getTime() + TOKEN_SECONDS * 1000);
  await pool.query(
    `insert into sandbox_giftcard.tokens (token, store_pk, card_id, expires_at) values ($1, $2, $3, $4)`,
    [token, store.pk, card.id, expires],
  );
  return json({ statuscode: "000000", description: "Success", token, exp: dotnetTime(expires) });
}

/**
 * The card a transaction names, locked for the transaction: by `cardtoken` (from /v1/Token), or by
 * `encrypted`, which the sandbox treats as the card number itself (the real encryption is private).
 */
export async function resolveCard(c: pg.PoolClient, store: Store, b: Record<string, unknown>): Promise<CardRow> {
  const token = text(b.cardtoken);
  const encrypted = text(b.encrypted);
  let r;
  if (token) {
    const t = await c.query<{ card_id: string; expires_at: Date }>(
      `select card_id, expires_at from sandbox_giftcard.tokens where token = $1 and store_pk = $2`,
      [token, store.pk],
    );
    const row = t.rows[0];
    if (!row) throw new Problem(400, "Invalid card token", "The card token is not valid.");
    if (row.expires_at <= storeNow(store))
      throw new Problem(400, "Invalid card token", "The card token has expired; request a new one from /v1/Token.");
    r = await c.query<CardRow>(`select * from sandbox_giftcard.cards where id = $1 for update`, [row.card_id]);
  } else if (encrypted) {
    const number = encrypted.replace(/[\s-]/g, "");
    r = await c.query<CardRow>(
      `select * from sandbox_giftcard.cards where store_pk = $1 and card_index = $2 for update`,
      [store.pk, cardIndex(number)],
    );
    if (!r.rows[0]) throw new Problem(404, "Not Found", "Card not found.");
  } else {
    throw validation("cardtoken", "Either cardtoken or encrypted is required.");
  }
  return r.rows[0]!;
}
