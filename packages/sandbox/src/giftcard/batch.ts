import { dotnetTime } from "./cards";
import { json, Money, Problem } from "./http";
import { db } from "./schema";
import { storeNow, type Store } from "./stores";

interface TxRow {
  host_ref: string;
  pos_ref: string | null;
  kind: string;
  amount_cents: string;
  approved_cents: string;
  previous_cents: string;
  new_cents: string;
  created_at: Date;
  last_four: string;
}

const KIND_NAMES: Record<string, string> = { sell: "SELL", reload: "RELOAD", redeem: "REDEEM" };

/**
 * POST /Batch/batch/{storeid} (seed 002 lists it under "Batch" with no body or response shape): closes the store's
 * open batch — every transaction not yet in a batch — and answers it in the same envelope as GET /Batch/{storeid}
 * (statuscode/description as the seed's Token response, totals, transactions). A second close with nothing new
 * answers an empty batch.
 */
export async function closeBatch(store: Store, storeId: string): Promise<Response> {
  if (storeId.toLowerCase() !== store.storeId.toLowerCase())
    throw new Problem(404, "Not Found", "No store with that id for these credentials.");
  const pool = await db();
  const closedAt = storeNow(store);
  const r = await pool.query<TxRow>(
    `with closed as (
       update sandbox_giftcard.transactions set batched_at = $2
        where store_pk = $1 and batched_at is null returning *)
     select t.*, c.last_four from closed t join sandbox_giftcard.cards c on c.id = t.card_id order by t.id`,
    [store.pk, closedAt],
  );
  return json(envelope(store, closedAt.toISOString().slice(0, 10), r.rows));
}

function envelope(store: Store, day: string, rows: TxRow[]) {
  const totals = { sold: 0, reloaded: 0, redeemed: 0 };
  for (const t of rows) {
    const approved = Number(t.approved_cents);
    if (t.kind === "sell") totals.sold += approved;
    if (t.kind === "reload") totals.reloaded += approved;
    if (t.kind === "redeem") totals.redeemed += approved;
  }
  return {
    statuscode: "000000",
    description: "Success",
    storeid: store.storeId,
    franchiseeid: store.franchiseeId,
    storename: store.name,
    batchdate: day,
    count: rows.length,
    totalsold: new Money(totals.sold),
    totalreloaded: new Money(totals.reloaded),
    totalredeemed: new Money(totals.redeemed),
    transactions: rows.map((t) => ({
      HostRef: t.host_ref,
      PosRef: t.pos_ref,
      type: KIND_NAMES[t.kind] ?? t.kind,
      cardending: t.last_four,
      amount: new Money(Number(t.amount_cents)),
      approvedamount: new Money(Number(t.approved_cents)),
      previousbalance: new Money(Number(t.previous_cents)),
      newbalance: new Money(Number(t.new_cents)),
      datetime: dotnetTime(t.created_at),
    })),
  };
}

/**
 * GET /Batch/{storeid}: the store's transactions of one day on its simulated clock (today unless
 * `?date=YYYY-MM-DD`), with totals per kind. A store sees only its own batch.
 */
export async function batchReport(req: Request, store: Store, storeId: string): Promise<Response> {
  if (storeId.toLowerCase() !== store.storeId.toLowerCase())
    throw new Problem(404, "Not Found", "No store with that id for these credentials.");
  const q = new URL(req.url).searchParams.get("date");
  if (q && !/^\d{4}-\d{2}-\d{2}$/.test(q)) throw new Problem(400, "Bad Request", "date must be YYYY-MM-DD.");
  const day = q ?? storeNow(store).toISOString().slice(0, 10);
  const pool = await db();
  const r = await pool.query<TxRow>(
    `select t.*, c.last_four from sandbox_giftcard.transactions t join sandbox_giftcard.cards c on c.id = t.card_id
      where t.store_pk = $1 and t.created_at >= $2::date and t.created_at < $2::date + 1 order by t.id`,
    [store.pk, day],
  );
  return json(envelope(store, day, r.rows));
}
