"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function MerchantNav({ base, items }: { base: string; items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Merchant sections">
      {/* Small screens: the sections wrap onto rows (all visible), not a sideways strip cut off at the edge. */}
      <ul className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
        {items.map((item) => {
          const active =
            item.href === base ? pathname === base : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block whitespace-nowrap rounded-md px-3 py-2 text-sm",
                  active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
