import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import type pg from "pg";
import { deriveKey, seal } from "../secrets";
import { faultsOf, type Faults } from "./faults";
import { Problem } from "./http";
import { db, tx } from "./schema";

export const CARD_PURPOSE = "sandbox-giftcard-cards";

export interface Store {
  pk: string;
  storeId: string;
  franchiseeId: string;
  username: string;
  name: string;
  address: string;
  clockOffset: number;
  faults: Faults;
}

export function storeNow(s: Store): Date {
  return new Date(Date.now() + s.clockOffset * 1000);
}

const hmac = (purpose: string, value: string) =>
  createHmac("sha256", deriveKey(purpose)).update(value).digest("base64url");

/** Keyed hash used to find a card by its number without keeping the number in clear. */
export const cardIndex = (cardNumber: string) => hmac("sandbox-giftcard-card-index", cardNumber);
export const codeHash = (code: string) => hmac("sandbox-giftcard-security-code", code);
const passwordHash = (p: string) => hmac("sandbox-giftcard-passwords", p);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TestCard {
  cardnumber: string;
  securitycode: string;
  balance: number;
  activated: boolean;
  note: string;
}

/** Card numbers of the sandbox's gift-card program: 16 digits on the 6060 prefix, random per store. */
function newCardNumber(): string {
  return `6060${String(randomInt(0, 1e6)).padStart(6, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}

const TEST_CARDS: { balanceCents: number; activated: boolean; note: string }[] = [
  { balanceCents: 10_000, activated: true, note: "active, 100.00" },
  { balanceCents: 2_550, activated: true, note: "active, 25.50" },
  { balanceCents: 0, activated: true, note: "active, empty" },
  { balanceCents: 0, activated: false, note: "new card stock: sell it with /Transaction/sellnewcard" },
  { balanceCents: 0, activated: false, note: "new card stock: sell it with /Transaction/sellnewcard" },
];

export async function insertCard(
  c: pg.PoolClient,
  storePk: string,
  card: { number: string; code: string; balanceCents: number; activated: boolean },
  now: Date,
): Promise<void> {
  const expires = new Date(now);
  expires.setUTCFullYear(expires.getUTCFullYear() + 5);
  await c.query(
    `insert into sandbox_giftcard.cards (store_pk, card_index, card_sealed, first_six, last_four, security_code_hash,
       balance_cents, activated, active, activated_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8, case when $8 then $9::timestamptz end, case when $8 then $10::timestamptz end)`,
    [
      storePk,
      cardIndex(card.number),
      seal(card.number, CARD_PURPOSE),
      card.number.slice(0, 6),
      card.number.slice(-4),
      codeHash(card.code),
      card.balanceCents,
      card.activated,
      now,
      expires,
    ],
  );
}

/**
 * Creates a store (with its franchisee) and its test cards; used by the control endpoint and by
 * the portal's demo seed. The card numbers and security codes are shown only here, once.
 */
export async function createSandboxStore(): Promise<{
  username: string;
  password: string;
  franchisee_id: string;
  store_id: string;
  cards: TestCard[];
}> {
  const username = `gift_${randomBytes(5).toString("hex")}`;
  const password = randomBytes(12).toString("base64url");
  const storeId = randomUUID();
  const franchiseeId = randomUUID();
  return tx(async (c) => {
    const r = await c.query<{ id: string }>(
      `insert into sandbox_giftcard.stores (store_id, franchisee_id, username, password_hash, store_name, store_address)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [
        storeId,
        franchiseeId,
        username,
        passwordHash(password),
        "Sandbox Gift Shop",
        "100 Test Ave, Springfield, IL 62701",
      ],
    );
    const pk = r.rows[0]!.id;
    const now = new Date();
    const cards: TestCard[] = [];
    for (const t of TEST_CARDS) {
      const number = newCardNumber();
      const code = String(randomInt(0, 10_000)).padStart(4, "0");
      await insertCard(c, pk, { number, code, balanceCents: t.balanceCents, activated: t.activated }, now);
      cards.push({
        cardnumber: number,
        securitycode: code,
        balance: t.balanceCents / 100,
        activated: t.activated,
        note: t.note,
      });
    }
    return { username, password, franchisee_id: franchiseeId, store_id: storeId, cards };
  });
}

/** More test cards for an existing store (a demo seed or a test that needs a card of its own). */
export async function addTestCards(
  store: Store,
  spec: { count: number; balanceCents: number; activated: boolean },
): Promise<TestCard[]> {
  return tx(async (c) => {
    const now = storeNow(store);
    const cards: TestCard[] = [];
    for (let i = 0; i < spec.count; i++) {
      const number = newCardNumber();
      const code = String(randomInt(0, 10_000)).padStart(4, "0");
      await insertCard(c, store.pk, { number, code, balanceCents: spec.balanceCents, activated: spec.activated }, now);
      cards.push({
        cardnumber: number,
        securitycode: code,
        balance: spec.balanceCents / 100,
        activated: spec.activated,
        note: spec.activated ? "active" : "new card stock",
      });
    }
    return cards;
  });
}

interface StoreRow {
  id: string;
  store_id: string;
  franchisee_id: string;
  username: string;
  password_hash: string;
  store_name: string;
  store_address: string;
  clock_offset_s: string;
  fault_error_rate: number;
  fault_latency_ms: number;
  fault_fail_next: number;
  fault_status: number;
}

/** HTTP Basic against the store's credentials; anything else is a 401. */
export async function authenticate(req: Request): Promise<Store> {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  const unauthorized = new Problem(401, "Unauthorized", "Valid Basic credentials are required.");
  if (!m) throw unauthorized;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) throw unauthorized;
  const pool = await db();
  const r = await pool.query<StoreRow>(`select * from sandbox_giftcard.stores where username = $1`, [
    decoded.slice(0, i),
  ]);
  const row = r.rows[0];
  if (!row || !same(passwordHash(decoded.slice(i + 1)), row.password_hash)) throw unauthorized;
  return {
    pk: String(row.id),
    storeId: row.store_id,
    franchiseeId: row.franchisee_id,
    username: row.username,
    name: row.store_name,
    address: row.store_address,
    clockOffset: Number(row.clock_offset_s),
    faults: faultsOf(row),
  };
}

export async function advanceClock(store: Store, seconds: number): Promise<Date> {
  const pool = await db();
  const r = await pool.query<{ clock_offset_s: string }>(
    `update sandbox_giftcard.stores set clock_offset_s = clock_offset_s + $2 where id = $1 returning clock_offset_s`,
    [store.pk, Math.trunc(seconds)],
  );
  return new Date(Date.now() + Number(r.rows[0]?.clock_offset_s ?? 0) * 1000);
}
