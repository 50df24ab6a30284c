import { Unavailable } from "../errors";
import type { BatchQuery, BatchSearchResult, SettlementApi } from "../types";
import type { CardPointeClient } from "./client";
import { fundingResponseSchema, settlestatSchema, type WireBatch } from "./schemas";
import { toBatch, toDaySummaries, toDeposits, type Deposit, type FundingQuery } from "./transform-settlement";

/**
 * Settlement on `settlestat` and deposits on `funding`. Neither has a range query: settlestat takes one close day
 * (MMDD of the gateway's current year) or a batch id, funding one funding day — so a range is walked day by day.
 * The merchid-only forms are not used: they return each batch/deposit once ("not returned before"), which would
 * make the portal's reads steal the data from each other.
 */

const DAY = 86_400_000;

export function daysBetween(from: Date, to: Date): Date[] {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  const out: Date[] = [];
  for (let t = start; t <= end; t += DAY) out.push(new Date(t));
  return out;
}

const mmdd = (d: Date) => d.toISOString().slice(5, 10).replace("-", "");
const yyyymmdd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");

async function settlestat(
  client: CardPointeClient,
  merchid: string,
  params: { date?: string; batchid?: string },
): Promise<WireBatch[]> {
  const text = await client.getText({ path: "/settlestat", query: { merchid, ...params } });
  if (text.trim() === "" || /^null batches$/i.test(text.trim())) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Unavailable({ reason: "bad_response", message: "settlestat: response is not JSON", cause });
  }
  const parsed = settlestatSchema.safeParse(Array.isArray(json) ? json : [json]);
  if (!parsed.success) throw new Unavailable({ reason: "bad_response", message: "settlestat: unexpected shape" });
  return parsed.data;
}

/** Closed batches by close day, oldest first, with the day they were asked for. */
export async function batchesBetween(
  client: CardPointeClient,
  merchid: string,
  from: Date,
  to: Date,
): Promise<Array<{ day: string; batch: WireBatch }>> {
  const out: Array<{ day: string; batch: WireBatch }> = [];
  const seen = new Set<string>();
  for (const d of daysBetween(from, to)) {
    for (const b of await settlestat(client, merchid, { date: mmdd(d) })) {
      if (seen.has(b.batchid)) continue;
      seen.add(b.batchid);
      out.push({ day: d.toISOString().slice(0, 10), batch: b });
    }
  }
  return out;
}

/** Every retref settled between the two days (sales, captures and refunds), in batch order. */
export async function settledRetrefs(
  client: CardPointeClient,
  merchid: string,
  from: Date,
  to: Date,
): Promise<string[]> {
  // The gateway closes batches on its own (US Eastern) day: look one day to each side.
  const batches = await batchesBetween(client, merchid, new Date(from.getTime() - DAY), new Date(to.getTime() + DAY));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { batch } of batches) {
    for (const t of batch.txns) {
      if (!seen.has(t.retref)) {
        seen.add(t.retref);
        out.push(t.retref);
      }
    }
  }
  return out;
}

export function settlementApi(client: CardPointeClient, merchid: string, now: () => Date): SettlementApi {
  return {
    async searchBatches(query: BatchQuery = {}): Promise<BatchSearchResult> {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 10), 1), 100);
      const offset = Math.max(0, Math.trunc(query.offset ?? 0));
      let rows: Array<{ day: string; batch: WireBatch }>;
      if (query.batchId) {
        rows = (await settlestat(client, merchid, { batchid: query.batchId })).map((batch) => ({ day: "", batch }));
      } else {
        const to = query.to ? new Date(query.to) : now();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY);
        rows = await batchesBetween(client, merchid, from, to);
      }
      const batches = rows.map(({ day, batch }) => toBatch(batch, day || null)).reverse();
      return {
        items: batches.slice(offset, offset + limit),
        totalCount: batches.length,
        limit,
        offset,
        summary: toDaySummaries(batches),
      };
    },
  };
}

/** Deposits (with fees, adjustments and the batches they pay) by funding day. */
export async function fundingBetween(
  client: CardPointeClient,
  merchid: string,
  query: FundingQuery,
): Promise<Deposit[]> {
  const days = query.date
    ? [new Date(`${query.date}T00:00:00Z`)]
    : daysBetween(new Date(query.from!), new Date(query.to!));
  const out: Deposit[] = [];
  for (const d of days) {
    const res = await client.get({ path: "/funding", query: { merchid, date: yyyymmdd(d) } }, fundingResponseSchema);
    if ("errormsg" in res) continue;
    out.push(...toDeposits(res));
  }
  return out;
}
