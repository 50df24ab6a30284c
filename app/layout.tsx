import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { SandboxBanner } from "@/components/shell/sandbox-banner";
import { env } from "@/lib/env";
import "./globals.css";

const description = "Back office for CardPointe and gateway merchants";

/** Icons, manifest and the Open Graph card live in public/ (robots.txt there too; the pay pages are noindex). */
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(env().appUrl),
    title: { default: "Merchant Portal", template: "%s · Merchant Portal" },
    description,
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "48x48" },
        { url: "/favicon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
    manifest: "/site.webmanifest",
    openGraph: {
      type: "website",
      siteName: "Merchant Portal",
      title: "Merchant Portal",
      description,
      images: [{ url: "/og.png", width: 1200, height: 630, alt: "Merchant Portal" }],
    },
  };
}

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
