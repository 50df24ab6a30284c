import { iterateTransactions, type TransactionListRow } from "@/db/queries/transactions";
import { merchantRoute } from "@/lib/auth/route";
import { streamedCsvResponse } from "@/lib/csv";
import { UserError } from "@/lib/errors";
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
  const chunks = iterateTransactions({ merchantId: ctx.merchant.id, filters });
  const day = new Date().toISOString().slice(0, 10);
  return streamedCsvResponse(`transactions-${day}.csv`, HEADER, chunks, cells);
});
