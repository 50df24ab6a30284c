import { valuesOf } from "@/lib/labels";

/**
 * The channel a cached transaction counts under on the dashboard ("By channel"). A service that knows better than
 * the provider's record sets `channel` explicitly (an Elastic Path storefront payment is an ordinary CardPointe
 * auth to the gateway); otherwise it is derived from the row. The same rule is in drizzle/0017's backfill.
 */
export const CHANNEL_LABELS = {
  virtual_terminal: "Virtual terminal / API",
  invoice: "Invoices",
  recurring: "Recurring",
  terminal: "Card-present terminal",
  storefront: "Storefront (Elastic Path)",
};
export type Channel = keyof typeof CHANNEL_LABELS;
export const CHANNELS = valuesOf(CHANNEL_LABELS);

export interface ChannelSource {
  channel?: string | null;
  invoiceId?: string | null;
  subscriptionId?: string | null;
  methodKind: string;
}

export function channelOf(t: ChannelSource): Channel {
  if (t.channel && (CHANNELS as readonly string[]).includes(t.channel)) return t.channel as Channel;
  if (t.invoiceId) return "invoice";
  if (t.subscriptionId) return "recurring";
  if (t.methodKind === "terminal") return "terminal";
  return "virtual_terminal";
}

/**
 * The explicit channel a row keeps when it is written again: a known channel is never replaced by "unknown" (a
 * webhook, a reconciliation page or a write-through that does not know the channel), only by another known one.
 */
export function mergedChannel(incoming: string | null | undefined, stored: string | null | undefined): string | null {
  return incoming ?? stored ?? null;
}
