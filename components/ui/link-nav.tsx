import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

export interface NavItem {
  key: string;
  href: string;
  /** What the link shows; told whether it is the current one (a count reads differently on a filled chip). */
  label: ReactNode | ((current: boolean) => ReactNode);
  current: boolean;
}

const STYLES = {
  /** Filters as pills. */
  chips: {
    nav: "flex flex-wrap gap-2",
    link: "inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset",
    on: "bg-brand-600 text-white ring-brand-600",
    off: "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
  },
  /** Sections or views as underlined tabs. */
  tabs: {
    nav: "mb-6 border-b border-slate-200",
    list: "-mb-px flex gap-6 overflow-x-auto",
    link: "inline-flex items-center gap-1.5 whitespace-nowrap border-b-2 px-1 pb-3 text-sm font-medium",
    on: "border-brand-600 text-brand-700",
    off: "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800",
  },
} as const;

/** Views of a page as links (each has its own URL), the current one marked with aria-current. */
export function LinkNav({
  label,
  items,
  variant,
  className,
}: {
  label: string;
  items: NavItem[];
  variant: keyof typeof STYLES;
  className?: string;
}) {
  const s = STYLES[variant];
  const links = items.map((i) => (
    <Link
      key={i.key}
      href={i.href}
      aria-current={i.current ? "page" : undefined}
      className={cn(s.link, i.current ? s.on : s.off)}
    >
      {typeof i.label === "function" ? i.label(i.current) : i.label}
    </Link>
  ));
  return (
    <nav aria-label={label} className={cn(s.nav, className)}>
      {"list" in s ? (
        <ul className={s.list}>
          {links.map((l) => (
            <li key={l.key}>{l}</li>
          ))}
        </ul>
      ) : (
        links
      )}
    </nav>
  );
}
