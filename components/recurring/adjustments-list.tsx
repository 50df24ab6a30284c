import Link from "next/link";
import type { Adjustment } from "@/lib/gateway/types";
import { merchantRoleCan, type MerchantRole } from "@/lib/auth/permissions";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { adjustmentValueLabel, describeDuration } from "./format";
import type { AdjustmentKind } from "./adjustment-form";

const WORDS: Record<AdjustmentKind, { noun: string; plural: string; slug: string; explain: string }> = {
  addOn: {
    noun: "add-on",
    plural: "Add-ons",
    slug: "add-ons",
    explain: "Add-ons raise a recurring charge by a fixed amount or a percentage of the subscription amount.",
  },
  discount: {
    noun: "discount",
    plural: "Discounts",
    slug: "discounts",
    explain: "Discounts lower a recurring charge by a fixed amount or a percentage of the subscription amount.",
  },
};

/** The gateway's add-on or discount catalog as a table (catalogs are small; read live from the gateway). */
export function AdjustmentsList({
  merchantId,
  role,
  kind,
  items,
}: {
  merchantId: string;
  role: MerchantRole;
  kind: AdjustmentKind;
  items: Adjustment[];
}) {
  const w = WORDS[kind];
  const base = `/m/${merchantId}/recurring/${w.slug}`;
  const canEdit = merchantRoleCan(role, "recurring:edit");
  const create = canEdit ? <LinkButton href={`${base}/new`}>New {w.noun}</LinkButton> : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{w.explain}</p>
        {items.length ? create : null}
      </div>
      {items.length === 0 ? (
        <EmptyState title={`No ${w.plural.toLowerCase()} yet`} action={create}>
          {w.explain} Attach them to plans or to single subscriptions, for a number of charges or until cancelled.
        </EmptyState>
      ) : (
        <Table
          caption={w.plural}
          rows={[...items].sort((a, b) => a.name.localeCompare(b.name))}
          rowKey={(a) => a.id}
          columns={[
            {
              key: "name",
              header: "Name",
              className: "font-medium text-slate-900",
              cell: (a) =>
                canEdit ? (
                  <Link href={`${base}/${encodeURIComponent(a.id)}`} className="text-brand-700 hover:underline">
                    {a.name}
                  </Link>
                ) : (
                  a.name
                ),
            },
            {
              key: "value",
              header: "Value",
              align: "right",
              cell: (a) => `${kind === "discount" ? "−" : "+"}${adjustmentValueLabel(a)}`,
            },
            {
              key: "duration",
              header: "Applies for",
              className: "text-slate-700",
              cell: (a) => describeDuration(a.duration, "cycle"),
            },
            {
              key: "description",
              header: "Description",
              className: "max-w-xs truncate text-slate-500",
              cell: (a) => a.description || "—",
            },
          ]}
        />
      )}
    </div>
  );
}
