import { OWNERSHIP_TYPES, PRICING_PLANS } from "@/lib/validations/boarding";
import type { Values } from "../wizard-state";
import type { CatalogItem } from "./fields";

const last4 = (v: string) => (v ? `••••${v.replace(/\D/g, "").slice(-4)}` : "—");
const dollars = (v: string) => (v && !Number.isNaN(Number(v)) ? `$${Number(v).toLocaleString("en-US")}` : "—");

/** The application as it will be sent; sensitive values shown by their last four digits only. */
export function Review({
  values: v,
  catalog,
  onEdit,
}: {
  values: Values;
  catalog: CatalogItem[];
  onEdit: (step: number) => void;
}) {
  const equipment = Object.entries(v.equipment)
    .filter(([, q]) => Number(q) > 0)
    .map(([id, q]) => `${q} × ${catalog.find((c) => String(c.equipmentId) === id)?.equipmentName ?? `#${id}`}`);
  const sections: [string, number, [string, string][]][] = [
    [
      "Business",
      0,
      [
        ["DBA / legal name", `${v.dbaName || "—"} / ${v.legalBusinessName || "—"}`],
        ["Ownership", OWNERSHIP_TYPES[v.ownershipTypeCd as keyof typeof OWNERSHIP_TYPES] ?? v.ownershipTypeCd],
        ["Tax ID", v.taxId ? `${v.taxFilingMethod} ${last4(v.taxId)}` : "—"],
        ["Address", [v.address1, v.city, v.stateCd, v.zip].filter(Boolean).join(", ") || "—"],
        ["Phone", v.businessPhone || "—"],
      ],
    ],
    [
      "Owners",
      1,
      v.owners.map((o, i) => [
        i === 0 ? "Principal" : `Owner ${i + 1}`,
        `${o.firstName} ${o.lastName} · ${o.title} · ${o.ownershipPct || 0}% · SSN ${last4(o.ssn)}${i === 0 && o.email ? ` · ${o.email}` : ""}`,
      ]),
    ],
    [
      "Bank account",
      2,
      [
        [
          "Deposits and fees",
          `${v.bankName || "Bank"} · routing ${v.bankRoutingNum || "—"} · account ${last4(v.bankAcctNum)}`,
        ],
      ],
    ],
    [
      "Processing",
      3,
      [
        [
          "Volume",
          `${dollars(v.averageMonthlyVolume)} a month · average ${dollars(v.averageTicketAmount)} · high ${dollars(v.highTicketAmount)}`,
        ],
        [
          "Channels",
          `present ${v.swipedPct}% · keyed ${v.keyedPct}% · online ${v.eCommercePct}% · MOTO ${v.mailOrderPct}%`,
        ],
      ],
    ],
    [
      "Pricing and equipment",
      4,
      [
        ["Pricing", PRICING_PLANS[v.pricingPlan as keyof typeof PRICING_PLANS] ?? v.pricingPlan],
        ["Gateway", v.gateway === "fluidpay" ? "Gateway (FluidPay family)" : "CardPointe"],
        ["Equipment", equipment.length ? equipment.join(", ") : "none"],
      ],
    ],
  ];
  return (
    <div className="space-y-4 text-sm">
      {sections.map(([title, step, rows]) => (
        <section key={title} className="rounded-md border border-slate-200">
          <div className="flex items-center justify-between border-b border-slate-100 bg-slate-50 px-4 py-2">
            <h3 className="font-medium text-slate-800">{title}</h3>
            <button type="button" className="text-xs text-brand-700 hover:underline" onClick={() => onEdit(step)}>
              Edit
            </button>
          </div>
          <dl className="divide-y divide-slate-100">
            {rows.map(([k, val]) => (
              <div key={k} className="grid grid-cols-[10rem_1fr] gap-3 px-4 py-1.5">
                <dt className="text-slate-500">{k}</dt>
                <dd className="text-slate-900">{val}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="text-slate-500">
        Submitting sends the application to CoPilot and emails the owner a signature link. You can follow every step on
        the next page.
      </p>
    </div>
  );
}
