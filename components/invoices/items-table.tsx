import { type Column, Table } from "@/components/ui/table";
import type { InvoiceItem } from "@/lib/gateway/types";
import { formatMoney, multiplyCents, subtractCents } from "@/lib/money";

/** The invoice's lines as the gateway holds them (amount = net + item tax). */
export function ItemsTable({ items, currency = "USD" }: { items: InvoiceItem[]; currency?: string }) {
  const columns: Column<InvoiceItem>[] = [
    {
      key: "item",
      header: "Item",
      cell: (item) => (
        <>
          <div className="font-medium text-slate-900">{item.name}</div>
          {item.description ? <div className="text-xs text-slate-500">{item.description}</div> : null}
          {item.discountAmount ? (
            <div className="text-xs text-emerald-700">−{formatMoney(item.discountAmount, currency)} discount</div>
          ) : null}
        </>
      ),
    },
    { key: "qty", header: "Qty", align: "right", cell: (item) => item.quantity },
    { key: "price", header: "Price", align: "right", cell: (item) => formatMoney(item.unitPrice, currency) },
    {
      key: "amount",
      header: "Amount",
      align: "right",
      cell: (item) =>
        formatMoney(subtractCents(multiplyCents(item.unitPrice, item.quantity), item.discountAmount), currency),
    },
  ];
  return (
    <Table
      variant="inset"
      caption="Invoice items"
      columns={columns}
      rows={items}
      rowKey={(item) => item.id ?? items.indexOf(item)}
      rowClassName={() => "align-top"}
    />
  );
}
