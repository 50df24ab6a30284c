import Link from "next/link";
import type { ReactNode } from "react";

/** A section link of a TopBarLayout. */
export function TopBarLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm text-slate-600 hover:text-slate-900">
      {children}
    </Link>
  );
}

/** The layout of the pages outside a merchant (partner portal, own account): a top bar of sections, then the page. */
export function TopBarLayout({
  navLabel,
  nav,
  aside,
  mainClassName,
  children,
}: {
  navLabel: string;
  nav: ReactNode;
  /** The bar's right-hand side: who is signed in, sign out. */
  aside: ReactNode;
  mainClassName: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <nav aria-label={navLabel} className="flex items-center gap-6">
          {nav}
        </nav>
        <div className="flex items-center gap-4 text-sm">{aside}</div>
      </header>
      <main className={mainClassName}>{children}</main>
    </div>
  );
}
