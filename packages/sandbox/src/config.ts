/**
 * The sandboxes' own configuration. They stand for other companies' systems, so they read their settings
 * themselves instead of borrowing the portal's (the portal's `lib/env.ts` is the only reader of the environment
 * for the portal; this file is that reader for the sandboxes). Read on use, so a test that sets a variable before the
 * first request is honoured.
 *
 * - `DATABASE_URL`: the PostgreSQL the sandboxes keep their schemas in (the portal's database in the embedded demo,
 *   each sandbox in its own `sandbox_*` schema, through its own pool).
 * - `CREDENTIALS_KEY`: 32 bytes, base64; the sandboxes derive their vault and signing keys from it (HKDF by purpose),
 *   so data stored by an earlier run stays readable.
 */
export function sandboxDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("sandbox: DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL).");
  return url;
}

export function sandboxMasterKey(): Buffer {
  const raw = process.env.CREDENTIALS_KEY;
  const key = raw ? Buffer.from(raw, "base64") : undefined;
  if (key?.length !== 32)
    throw new Error("sandbox: CREDENTIALS_KEY must be 32 bytes, base64 (npm start generates one).");
  return key;
}

/**
 * `SANDBOX_LATENCY_MS`: a fixed delay, in milliseconds, added before every emulator API answer (not `_control`
 * calls), standing for the network and service time of the real provider. Off (0) by default; the bench sets it so
 * "cache vs paging the gateway" is measured against a stated per-request latency rather than the emulator's speed.
 */
export function sandboxLatencyMs(): number {
  const raw = process.env.SANDBOX_LATENCY_MS;
  if (raw === undefined || raw === "") return 0;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0 || ms > 60_000)
    throw new Error("sandbox: SANDBOX_LATENCY_MS must be a number of milliseconds between 0 and 60000.");
  return ms;
}
