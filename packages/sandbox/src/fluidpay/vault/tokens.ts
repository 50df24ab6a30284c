import { badRequest } from "../core/envelope";
import { newId } from "../core/ids";
import type { Queryable } from "../core/schema";
import { sealSecret, unsealSecret, type PaymentSecret } from "./store";

/** Tokenizer tokens: one-time, expiring, sealed like the vault. */
export const TOKEN_TTL_MS = 15 * 60 * 1000;

export async function insertToken(
  c: Queryable,
  accountId: string,
  secret: PaymentSecret,
  meta: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const id = `tok_${newId()}`;
  await c.query(
    `insert into sandbox_gateway.tokens (id, account_id, type, data, sealed, expires_at) values ($1,$2,$3,$4,$5,$6)`,
    [id, accountId, secret.kind, meta, sealSecret(secret), new Date(now.getTime() + TOKEN_TTL_MS)],
  );
  return id;
}

/** Uses a token up: unknown, spent or expired (on the account's clock) tokens are a 400. */
export async function consumeToken(c: Queryable, accountId: string, token: string, now: Date): Promise<PaymentSecret> {
  const r = await c.query<{ sealed: string; expires_at: Date; used_at: Date | null }>(
    `select sealed, expires_at, used_at from sandbox_gateway.tokens where account_id = $1 and id = $2 for update`,
    [accountId, token],
  );
  const row = r.rows[0];
  if (!row) throw badRequest("invalid token");
  if (row.used_at) throw badRequest("invalid token: token has already been used");
  if (row.expires_at.getTime() <= now.getTime()) throw badRequest("invalid token: token has expired");
  await c.query(`update sandbox_gateway.tokens set used_at = $3 where account_id = $1 and id = $2`, [
    accountId,
    token,
    now,
  ]);
  return unsealSecret(row.sealed);
}
