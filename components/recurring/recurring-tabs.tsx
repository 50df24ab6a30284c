"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

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
    <nav aria-label="Recurring billing" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-6 overflow-x-auto">
        {TABS.map((t) => {
          const href = `${base}/${t.slug}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={t.slug}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block whitespace-nowrap border-b-2 px-1 pb-3 text-sm font-medium",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
