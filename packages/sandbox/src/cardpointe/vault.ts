import { createHmac } from "node:crypto";
import { deriveKey, seal, unseal } from "../secrets";
import type { Queryable } from "./db";
import { db } from "./db";
import type { Environment } from "./host";
import { digits } from "./ids";

/**
 * CardSecure's vault: token → sealed account number, scoped to (site, environment) because tokens
 * are site- and environment-specific. The clear number is never stored; a keyed hash finds the
 * deterministic token of a number again.
 */
const SEAL_PURPOSE = "sandbox-cardpointe-vault";

export interface VaultScope {
  site: string;
  environment: Environment;
}

export interface StoredToken {
  token: string;
  kind: "card" | "ach";
  first6: string;
  last4: string;
  expiry: string | null;
}

export interface Detokenized extends StoredToken {
  /** Card number, or "<routing>/<account>" for ACH. */
  account: string;
}

function panHash(scope: VaultScope, account: string): string {
  return createHmac("sha256", deriveKey("sandbox-cardpointe-pan-hash"))
    .update(`${scope.site}|${scope.environment}|${account}`)
    .digest("hex");
}

/** 16 digits: 9, the first two digits of the PAN (or routing number), 9 digits, the last four of the account. */
function candidateToken(scope: VaultScope, account: string, kind: "card" | "ach", attempt: number, unique: boolean) {
  const [routing, acct] = kind === "ach" ? account.split("/") : [account, account];
  const lead = (routing ?? "").slice(0, 2);
  const last4 = (acct ?? "").slice(-4).padStart(4, "0");
  let middle: string;
  if (unique) middle = digits(9);
  else {
    const h = createHmac("sha256", deriveKey("sandbox-cardpointe-token"))
      .update(`${scope.site}|${scope.environment}|${account}|${attempt}`)
      .digest();
    middle = String(h.readUInt32BE(0) * 1000 + (h.readUInt16BE(4) % 1000))
      .padStart(9, "0")
      .slice(-9);
  }
  return `9${lead}${middle}${last4}`;
}

export function looksLikeToken(account: string): boolean {
  return /^9\d{15}$/.test(account);
}

export async function tokenizeAccount(
  scope: VaultScope,
  account: string,
  kind: "card" | "ach",
  opts: { expiry?: string; unique?: boolean } = {},
  q?: Queryable,
): Promise<StoredToken> {
  const conn = q ?? (await db());
  const hash = panHash(scope, account);
  const unique = opts.unique ?? false;
  const first6 = kind === "ach" ? (account.split("/")[0] ?? "").slice(0, 6) : account.slice(0, 6);
  const last4 = (kind === "ach" ? (account.split("/")[1] ?? "") : account).slice(-4);
  if (!unique) {
    const found = await conn.query<StoredToken>(
      `select token, kind, first6, last4, expiry from sandbox_cardpointe.tokens
       where site = $1 and environment = $2 and pan_hash = $3 and not is_unique`,
      [scope.site, scope.environment, hash],
    );
    const row = found.rows[0];
    if (row) {
      if (opts.expiry && opts.expiry !== row.expiry) {
        await conn.query(
          `update sandbox_cardpointe.tokens set expiry = $4 where site = $1 and environment = $2 and token = $3`,
          [scope.site, scope.environment, row.token, opts.expiry],
        );
        row.expiry = opts.expiry;
      }
      return row;
    }
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const token = candidateToken(scope, account, kind, attempt, unique);
    const r = await conn.query<StoredToken>(
      `insert into sandbox_cardpointe.tokens
         (site, environment, token, kind, pan_sealed, pan_hash, is_unique, first6, last4, expiry)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       on conflict do nothing
       returning token, kind, first6, last4, expiry`,
      [
        scope.site,
        scope.environment,
        token,
        kind,
        seal(account, SEAL_PURPOSE),
        hash,
        unique,
        first6,
        last4,
        opts.expiry ?? null,
      ],
    );
    if (r.rows[0]) return r.rows[0];
    if (!unique) {
      // A concurrent request may have stored the same number first: use its token.
      const again = await conn.query<StoredToken>(
        `select token, kind, first6, last4, expiry from sandbox_cardpointe.tokens
         where site = $1 and environment = $2 and pan_hash = $3 and not is_unique`,
        [scope.site, scope.environment, hash],
      );
      if (again.rows[0]) return again.rows[0];
    }
  }
  throw new Error("could not allocate a token");
}

export async function detokenize(scope: VaultScope, token: string, q?: Queryable): Promise<Detokenized | undefined> {
  const r = await (q ?? (await db())).query<StoredToken & { pan_sealed: string }>(
    `select token, kind, first6, last4, expiry, pan_sealed from sandbox_cardpointe.tokens
     where site = $1 and environment = $2 and token = $3`,
    [scope.site, scope.environment, token],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  const { pan_sealed, ...rest } = row;
  return { ...rest, account: unseal(pan_sealed, SEAL_PURPOSE) };
}

export async function setTokenExpiry(scope: VaultScope, token: string, expiry: string): Promise<boolean> {
  const r = await (
    await db()
  ).query(`update sandbox_cardpointe.tokens set expiry = $4 where site = $1 and environment = $2 and token = $3`, [
    scope.site,
    scope.environment,
    token,
    expiry,
  ]);
  return (r.rowCount ?? 0) > 0;
}
