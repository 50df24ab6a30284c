import type { Metadata } from "next";

export const metadata: Metadata = {
  title: { default: "Pay your invoice", template: "%s · Secure payment" },
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

/** The customer's side: no portal chrome, no session; mobile first. */
export default function PayLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-100 print:bg-white">
      <main className="mx-auto max-w-xl px-4 py-6 sm:py-10 print:max-w-none print:p-0">{children}</main>
    </div>
  );
}
