import { type Cents, sumCents } from "@/lib/money";

/**
 * Accounts receivable aging: what customers owe on sent, unpaid invoices, by how late it is. Amounts are integer minor
 * units summed by the money module; days late are whole UTC days past the due date.
 */
export const AGING_BUCKETS = [
  { key: "current", label: "Current" },
  { key: "1_30", label: "1–30 days" },
  { key: "31_60", label: "31–60 days" },
  { key: "61_90", label: "61–90 days" },
  { key: "90_plus", label: "90+ days" },
] as const;

export type AgingBucketKey = (typeof AGING_BUCKETS)[number]["key"];

export interface Receivable {
  amountDue: Cents;
  dueAt: Date | null;
}

export interface AgingBucket {
  key: AgingBucketKey;
  label: string;
  amount: Cents;
  count: number;
}

const DAY = 86_400_000;

function utcDay(d: Date): number {
  return Math.floor(d.getTime() / DAY);
}

export function agingBucketOf(dueAt: Date | null, now: Date): AgingBucketKey {
  if (!dueAt) return "current";
  const late = utcDay(now) - utcDay(dueAt);
  if (late <= 0) return "current";
  if (late <= 30) return "1_30";
  if (late <= 60) return "31_60";
  if (late <= 90) return "61_90";
  return "90_plus";
}

export function agingBuckets(items: Receivable[], now = new Date()): { buckets: AgingBucket[]; total: Cents } {
  const by = new Map<AgingBucketKey, Cents[]>();
  for (const i of items) {
    if (i.amountDue <= 0) continue;
    const k = agingBucketOf(i.dueAt, now);
    by.set(k, [...(by.get(k) ?? []), i.amountDue]);
  }
  const buckets = AGING_BUCKETS.map((b) => ({
    key: b.key,
    label: b.label,
    amount: sumCents(by.get(b.key) ?? []),
    count: by.get(b.key)?.length ?? 0,
  }));
  return { buckets, total: sumCents(buckets.map((b) => b.amount)) };
}
