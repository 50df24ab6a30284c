import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { SandboxBanner } from "@/components/shell/sandbox-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Merchant Portal", template: "%s · Merchant Portal" },
  description: "Back office for CardPointe and gateway merchants",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so Next.js can stamp the request's CSP nonce (proxy.ts) on its scripts; a
  // prerendered page would carry scripts without it and be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <SandboxBanner />
        {children}
      </body>
    </html>
  );
}
