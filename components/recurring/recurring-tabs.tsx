"use client";

import { usePathname } from "next/navigation";
import { LinkNav } from "@/components/ui/link-nav";

const TABS = [
  { slug: "subscriptions", label: "Subscriptions" },
  { slug: "plans", label: "Plans" },
  { slug: "add-ons", label: "Add-ons" },
  { slug: "discounts", label: "Discounts" },
  { slug: "billing-plans", label: "Billing plans" },
];

/** The recurring section's sub-routes as tabs (links, so each tab has its own URL). */
export function RecurringTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <LinkNav
      variant="tabs"
      label="Recurring billing"
      items={TABS.map((t) => {
        const href = `${base}/${t.slug}`;
        return {
          key: t.slug,
          href,
          label: t.label,
          current: pathname === href || pathname.startsWith(`${href}/`),
        };
      })}
    />
  );
}
