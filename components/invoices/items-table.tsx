import type { InvoiceItem } from "@/lib/gateway/types";
import { formatMoney, multiplyCents, subtractCents } from "@/lib/money";

/** The invoice's lines as the gateway holds them (amount = net + item tax). */
export function ItemsTable({ items, currency = "USD" }: { items: InvoiceItem[]; currency?: string }) {
  return (
    <div
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600"
      tabIndex={0}
      role="region"
      aria-label="Invoice items"
    >
      <table className="min-w-full text-sm">
        <caption className="sr-only">Invoice items</caption>
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2 pr-4">
              Item
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Qty
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Price
            </th>
            <th scope="col" className="py-2 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item, i) => (
            <tr key={item.id ?? i}>
              <td className="py-2 pr-4 align-top">
                <div className="font-medium text-slate-900">{item.name}</div>
                {item.description ? <div className="text-xs text-slate-500">{item.description}</div> : null}
                {item.discountAmount ? (
                  <div className="text-xs text-emerald-700">−{formatMoney(item.discountAmount, currency)} discount</div>
                ) : null}
              </td>
              <td className="py-2 pr-4 text-right align-top tabular-nums">{item.quantity}</td>
              <td className="py-2 pr-4 text-right align-top tabular-nums">{formatMoney(item.unitPrice, currency)}</td>
              <td className="py-2 text-right align-top tabular-nums">
                {formatMoney(
                  subtractCents(multiplyCents(item.unitPrice, item.quantity), item.discountAmount),
                  currency,
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
