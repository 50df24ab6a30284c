import { getDb } from "@/db/client";
import { iterateTransactions, type TransactionListRow } from "@/db/queries/transactions";
import { merchantRoute } from "@/lib/auth/route";
import { toCsv } from "@/lib/csv";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import { centsToDecimalString } from "@/lib/money";
import { parseTransactionFilters } from "@/lib/validations/transactions";

export const dynamic = "force-dynamic";

const HEADER = [
  "transaction_id",
  "created_at",
  "type",
  "status",
  "amount",
  "currency",
  "authorized",
  "captured",
  "settled",
  "refunded",
  "payment_method",
  "card_brand",
  "masked_number",
  "last_four",
  "customer_id",
  "customer_name",
  "order_id",
  "batch_id",
  "refund_of",
  "response",
];

function cells(t: TransactionListRow): (string | null)[] {
  const money = (c: number) => centsToDecimalString(c, t.currency);
  return [
    t.id,
    t.createdAt.toISOString(),
    t.type,
    t.status,
    money(t.amount),
    t.currency,
    money(t.authorizedAmount),
    money(t.capturedAmount),
    money(t.settledAmount),
    money(t.refundedAmount),
    t.methodKind,
    t.cardBrand,
    t.maskedNumber,
    t.lastFour,
    t.customerId,
    t.customerName,
    t.orderId,
    t.batchId,
    t.referencedTransactionId,
    t.responseText,
  ];
}

/**
 * The whole filtered set (same filters as the page's URL), streamed in keyset chunks: memory stays flat
 * however many rows match. Masked card data only — the cache holds nothing else.
 */
export const GET = merchantRoute("reports:export", async (req, ctx) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const { filters, errors } = parseTransactionFilters(params);
  if (Object.keys(errors).length) {
    throw new UserError(
      "invalid",
      "Some filters are not valid.",
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])),
    );
  }
  const chunks = iterateTransactions(getDb(), { merchantId: ctx.merchant.id, filters });
  const encoder = new TextEncoder();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          if (first) controller.enqueue(encoder.encode(toCsv(HEADER, [])));
          controller.close();
          return;
        }
        const csv = toCsv(HEADER, next.value.map(cells));
        // Each chunk is rendered with the header; only the first one keeps it.
        controller.enqueue(encoder.encode(first ? csv : csv.slice(csv.indexOf("\n") + 1)));
        first = false;
      } catch (err) {
        log().error({ err }, "transactions CSV export failed");
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="transactions-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
