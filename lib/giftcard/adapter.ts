import { createHmac, randomBytes } from "node:crypto";
import { assertUrlMatchesEnvironment, GatewayConfigError, type GatewayEnvironment } from "@/lib/gateway";
import { InvalidRequest } from "@/lib/gateway/errors";
import { env } from "@/lib/env";
import { GiftCardClient } from "./client";
import {
  balanceSchema,
  batchSchema,
  healthSchema,
  verifySchema,
  loadSchema,
  redeemSchema,
  statusSchema,
  tokenSchema,
} from "./schemas";
import { dotnetToIso, toBalance, toBatch, toLoad, toRedemption, toStatus } from "./transform";
import type {
  GiftCardBalance,
  GiftCardBatch,
  GiftCardCredentials,
  GiftCardLoad,
  GiftCardRedemption,
  GiftCardRef,
  GiftCardStatus,
  GiftCardToken,
} from "./types";
import { centsToGiftAmount } from "./wire";

/**
 * POSPointe gift cards for one store.
 *
 * Card data: a card number and security code go only into `/v1/Token`; every later call names the card by the
 * token. The adapter never stores or logs the number: its token cache is keyed by an HMAC of the number under a
 * key that exists only in this process's memory, and holds only the token and its expiry. Tokens live 10 minutes
 * on the server's clock; the cache refreshes 30 s early, and a token the server calls invalid (clock skew) is
 * refreshed once when the caller still holds the number. A caller holding only a token gets "enter the card again".
 *
 * Money: amounts are cents in and out; the wire gets two-decimal strings and answers are read digit by digit.
 * Sell, reload and redeem carry a PosRef derived from the caller's idempotency key: the server replays a repeated
 * PosRef instead of moving money twice, which is what makes their retries safe.
 */

export const GIFTCARD_PRODUCTION_BASE_URL = "https://giftcard.myposerver.com";
const TOKEN_LIFETIME_MS = 10 * 60_000;
const REFRESH_MARGIN_MS = 30_000;
/** Per-process key for the cache's fingerprints: never persisted, so a fingerprint cannot be reversed later. */
const FINGERPRINT_KEY = randomBytes(32);

export interface GiftCardAdapterOptions extends GiftCardCredentials {
  baseUrl: string;
  timeoutMs?: number;
  retries?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface MoneyMove {
  amount: number;
  /** Intent id (form render, POS attempt): becomes the PosRef. */
  idempotencyKey: string;
}

function assertAmount(cents: number): void {
  if (!Number.isSafeInteger(cents) || cents <= 0) {
    throw new InvalidRequest("amount", [{ field: "amount", message: "Enter an amount above zero" }]);
  }
  if (cents > 1_000_000) {
    throw new InvalidRequest("amount", [{ field: "amount", message: "A gift card holds at most $10,000.00" }]);
  }
}

function posRefFor(key: string): string {
  const k = key.trim();
  if (!k) throw new InvalidRequest("idempotency key required", [{ field: "idempotencyKey", message: "Required" }]);
  return k.length <= 40 ? k : createHmac("sha256", "posref").update(k).digest("hex").slice(0, 32);
}

export function createGiftCardAdapter(o: GiftCardAdapterOptions) {
  const client = new GiftCardClient({
    baseUrl: o.baseUrl,
    username: o.username,
    password: o.password,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    fetch: o.fetch,
  });
  const now = o.now ?? Date.now;
  const cache = new Map<string, { token: string; expiresAtMs: number }>();
  const fingerprint = (number: string) =>
    createHmac("sha256", FINGERPRINT_KEY).update(`${o.storeId}:${number}`).digest("base64url");

  async function tokenize(cardNumber: string, securityCode: string): Promise<GiftCardToken> {
    const number = cardNumber.replace(/[\s-]/g, "");
    if (!/^\d{8,19}$/.test(number)) {
      throw new InvalidRequest("card number", [
        { field: "cardNumber", message: "Enter the card number (digits only)" },
      ]);
    }
    if (!/^\d{3,8}$/.test(securityCode.trim())) {
      throw new InvalidRequest("security code", [{ field: "securityCode", message: "Enter the security code" }]);
    }
    const res = await client.json(
      { method: "POST", path: "/v1/Token", body: { cardnumber: number, securitycode: securityCode.trim() } },
      tokenSchema,
    );
    const exp = dotnetToIso(res.exp);
    const issued = now();
    // The server's clock may differ from ours: trust its lifetime, not its absolute time.
    const serverLifetime = exp ? Math.min(Date.parse(exp) - issued, TOKEN_LIFETIME_MS) : TOKEN_LIFETIME_MS;
    const lifetime = serverLifetime > 0 ? serverLifetime : TOKEN_LIFETIME_MS;
    cache.set(fingerprint(number), { token: res.token, expiresAtMs: issued + lifetime - REFRESH_MARGIN_MS });
    return { token: res.token, expiresAt: exp, lastFour: number.slice(-4) };
  }

  async function tokenOf(ref: GiftCardRef, fresh = false): Promise<string> {
    if ("token" in ref) return ref.token;
    const key = fingerprint(ref.cardNumber.replace(/[\s-]/g, ""));
    const hit = cache.get(key);
    if (!fresh && hit && hit.expiresAtMs > now()) return hit.token;
    return (await tokenize(ref.cardNumber, ref.securityCode)).token;
  }

  /** Runs a call with the card's token; a refused token is refreshed once when the number is at hand. */
  async function withCard<T>(ref: GiftCardRef, call: (cardtoken: string) => Promise<T>): Promise<T> {
    try {
      return await call(await tokenOf(ref));
    } catch (err) {
      const expired =
        err instanceof InvalidRequest && err.fieldErrors.some((f) => f.field === "cardToken") && !("token" in ref);
      if (!expired) throw err;
      return call(await tokenOf(ref, true));
    }
  }

  const card = (cardtoken: string) => ({ cardtoken, encrypted: "" });
  /** Body of a money-moving call: the card, the amount in the server's units, the store and an idempotent PosRef. */
  const moneyBody = (cardtoken: string, move: MoneyMove) => ({
    ...card(cardtoken),
    amount: centsToGiftAmount(move.amount),
    FranchiseeID: o.franchiseeId,
    PosRef: posRefFor(move.idempotencyKey),
  });

  return {
    storeId: o.storeId,

    /** The tokenization step: the only call that sees a card number. */
    tokenize,

    async health(): Promise<boolean> {
      const res = await client.json({ method: "GET", path: "/Health", auth: false }, healthSchema).catch(() => null);
      return res?.status === "Healthy";
    },

    async balance(ref: GiftCardRef): Promise<GiftCardBalance> {
      return withCard(ref, async (tok) =>
        toBalance(
          await client.json({ method: "POST", path: "/Transaction/balancecheck", body: card(tok) }, balanceSchema),
        ),
      );
    },

    /** Activates unsold stock with its first load. */
    async sell(ref: GiftCardRef, move: MoneyMove): Promise<GiftCardLoad> {
      assertAmount(move.amount);
      return withCard(ref, async (tok) =>
        toLoad(
          await client.json(
            {
              method: "POST",
              path: "/Transaction/sellnewcard",
              body: moneyBody(tok, move),
            },
            loadSchema,
          ),
        ),
      );
    },

    async reload(ref: GiftCardRef, move: MoneyMove): Promise<GiftCardLoad> {
      assertAmount(move.amount);
      return withCard(ref, async (tok) =>
        toLoad(
          await client.json(
            {
              method: "POST",
              path: "/Transaction/reload",
              body: moneyBody(tok, move),
            },
            loadSchema,
          ),
        ),
      );
    },

    /**
     * Spends from the card. Without `acceptPartial` an amount above the balance is declined and nothing moves;
     * with it the whole balance is approved and `partial` is true (collect the rest another way).
     */
    async redeem(ref: GiftCardRef, move: MoneyMove & { acceptPartial?: boolean }): Promise<GiftCardRedemption> {
      assertAmount(move.amount);
      return withCard(ref, async (tok) =>
        toRedemption(
          await client.json(
            {
              method: "POST",
              path: "/Transaction/radeem",
              body: { ...moneyBody(tok, move), acceptpartialamount: move.acceptPartial === true },
            },
            redeemSchema,
          ),
          move.amount,
        ),
      );
    },

    /** Activate or deactivate; a reason is required to deactivate (and recorded by the server). */
    async changeStatus(ref: GiftCardRef, input: { active: boolean; reason?: string }): Promise<GiftCardStatus> {
      const reason = input.reason?.trim() ?? "";
      if (!input.active && !reason) {
        throw new InvalidRequest("reason required", [{ field: "reason", message: "Say why the card is deactivated" }]);
      }
      if (reason.length > 200) {
        throw new InvalidRequest("reason too long", [
          { field: "reason", message: "Keep the reason under 200 characters" },
        ]);
      }
      return withCard(ref, async (tok) =>
        toStatus(
          await client.json(
            {
              method: "PATCH",
              path: "/Transaction/changestatus",
              body: { ...card(tok), status: input.active, reason },
            },
            statusSchema,
          ),
        ),
      );
    },

    /** `PUT /Auth/verify` (seed 002): do these credentials open this store? The "test connection" call. */
    async verify(): Promise<{ ok: boolean; answer: string }> {
      const r = await client.json({ method: "PUT", path: "/Auth/verify", body: {} }, verifySchema);
      const ok = !r.storeid || r.storeid.toLowerCase() === o.storeId.toLowerCase();
      return {
        ok,
        answer: ok
          ? `${r.description ?? "Success"}${r.storename ? `: ${r.storename}` : ""} (store ${r.storeid ?? o.storeId}).`
          : `These credentials belong to store ${r.storeid}, not ${o.storeId}.`,
      };
    },

    /** `POST /Batch/batch/{storeid}` (seed 002): close the store's open batch; answers the batch it closed. */
    async closeBatch(): Promise<GiftCardBatch> {
      return toBatch(
        await client.json(
          { method: "POST", path: `/Batch/batch/${encodeURIComponent(o.storeId)}`, body: {} },
          batchSchema,
        ),
      );
    },

    /** The store's batch report for one day (YYYY-MM-DD; default: today on the server's clock). */
    async batch(date?: string): Promise<GiftCardBatch> {
      if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        throw new InvalidRequest("date", [{ field: "date", message: "Use YYYY-MM-DD" }]);
      }
      return toBatch(
        await client.json(
          { method: "GET", path: `/Batch/${encodeURIComponent(o.storeId)}`, query: { date } },
          batchSchema,
        ),
      );
    },
  };
}

export type GiftCardAdapter = ReturnType<typeof createGiftCardAdapter>;

/** sandbox → <appUrl>/sandbox/giftcard; production → the vendor host. A mismatch is refused like the gateways'. */
export function giftCardFor(config: {
  environment: GatewayEnvironment;
  credentials: GiftCardCredentials;
  appUrl?: string;
  baseUrl?: string;
}): GiftCardAdapter {
  const baseUrl = (
    config.baseUrl ??
    (config.environment === "sandbox"
      ? `${(config.appUrl ?? env().appUrl).replace(/\/+$/, "")}/sandbox/giftcard`
      : GIFTCARD_PRODUCTION_BASE_URL)
  ).replace(/\/+$/, "");
  assertUrlMatchesEnvironment(config.environment, baseUrl);
  const c = config.credentials;
  if (!c.username || !c.password || !c.franchiseeId || !c.storeId) {
    throw new GatewayConfigError("gift card credentials need username, password, franchiseeId and storeId");
  }
  return createGiftCardAdapter({ baseUrl, ...c });
}
