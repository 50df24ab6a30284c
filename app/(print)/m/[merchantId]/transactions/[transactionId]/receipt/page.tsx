import { notFound } from "next/navigation";
import { requireMerchantPage, type MerchantPageProps } from "@/lib/auth/page";
import { receiptFor } from "@/lib/services/transactions/receipt";
import { receiptRows } from "@/lib/transaction-words";
import { PrintButton } from "@/components/pay/print-button";

export const metadata = { title: "Receipt" };

/**
 * The printable receipt of one transaction: outside the merchant layout (no navigation), a narrow slip that prints
 * on its own. Masked card only; the tip and the signature when the transaction has them.
 */
export default async function ReceiptPage({ params }: MerchantPageProps<{ transactionId: string }>) {
  const { merchantId, transactionId } = await params;
  const ctx = await requireMerchantPage(merchantId, "merchant:view");
  const receipt = await receiptFor(ctx.merchant.id, decodeURIComponent(transactionId));
  if (!receipt) notFound();
  const r = receipt.lines;
  const rows = receiptRows(r);
  return (
    <main className="mx-auto max-w-sm bg-white p-6 text-slate-900 print:max-w-none print:p-0">
      <div className="mb-4 flex justify-end print:hidden">
        <PrintButton />
      </div>
      <h1 className="text-center text-xl font-semibold">{receipt.merchantName || "Receipt"}</h1>
      <p className="mb-4 text-center text-sm text-slate-600">Customer receipt</p>
      <dl className="divide-y divide-dashed divide-slate-300 border-y border-dashed border-slate-300 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="flex justify-between gap-4 py-1.5">
            <dt className="text-slate-600">{k}</dt>
            <dd className={k === "Total" ? "font-semibold tabular-nums" : "text-right tabular-nums"}>{v}</dd>
          </div>
        ))}
      </dl>
      {r.signatureUrl && (
        <figure className="mt-4">
          <img
            src={r.signatureUrl}
            alt="Customer signature"
            className="h-24 w-full border-b border-slate-400 object-contain [image-rendering:pixelated]"
          />
          <figcaption className="mt-1 text-center text-xs text-slate-600">Customer signature</figcaption>
        </figure>
      )}
      <p className="mt-6 text-center text-xs text-slate-500">Thank you. Keep this receipt for your records.</p>
    </main>
  );
}
