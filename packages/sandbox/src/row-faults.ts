import type pg from "pg";

/**
 * Fault injection for sandbox tests: added latency, a random error rate, or "fail the next N calls" with a
 * chosen status.
 */

export interface Faults {
  errorRate: number;
  latencyMs: number;
  failNext: number;
  status: number;
}

/** The DDL that gives a sandbox's table its fault columns (added after the tables' first release). */
export function faultColumnsDdl(table: string): string {
  return [
    "fault_error_rate real not null default 0",
    "fault_latency_ms integer not null default 0",
    "fault_fail_next integer not null default 0",
    "fault_status integer not null default 503",
  ]
    .map((column) => `alter table ${table} add column if not exists ${column};`)
    .join("\n");
}

const STATUSES = [500, 502, 503, 504];
export const MAX_LATENCY_MS = 30_000;

export function faultsOf(row: {
  fault_error_rate?: number | null;
  fault_latency_ms?: number | null;
  fault_fail_next?: number | null;
  fault_status?: number | null;
}): Faults {
  return {
    errorRate: Number(row.fault_error_rate ?? 0),
    latencyMs: Number(row.fault_latency_ms ?? 0),
    failNext: Number(row.fault_fail_next ?? 0),
    status: Number(row.fault_status ?? 503),
  };
}

/** Validates a control body `{error_rate?, latency_ms?, fail_next?, status?}`; a message when it is wrong. */
export function parseFaults(b: Record<string, unknown>): Partial<Faults> | string {
  const out: Partial<Faults> = {};
  if (b.error_rate !== undefined) {
    const v = Number(b.error_rate);
    if (!(v >= 0 && v <= 1)) return "error_rate must be a number from 0 to 1";
    out.errorRate = v;
  }
  if (b.latency_ms !== undefined) {
    const v = Number(b.latency_ms);
    if (!Number.isInteger(v) || v < 0 || v > MAX_LATENCY_MS)
      return `latency_ms must be a whole number from 0 to ${MAX_LATENCY_MS}`;
    out.latencyMs = v;
  }
  if (b.fail_next !== undefined) {
    const v = Number(b.fail_next);
    if (!Number.isInteger(v) || v < 0 || v > 1000) return "fail_next must be a whole number from 0 to 1000";
    out.failNext = v;
  }
  if (b.status !== undefined) {
    const v = Number(b.status);
    if (!STATUSES.includes(v)) return `status must be one of ${STATUSES.join(", ")}`;
    out.status = v;
  }
  return out;
}

/**
 * `setFaults`/`injectFault` for a sandbox whose faults live in the fault_* columns of one table (its users or
 * stores): stored in the row, so every app instance sees the same faults.
 */
export function rowFaults(table: "sandbox_copilot.users" | "sandbox_giftcard.stores", db: () => Promise<pg.Pool>) {
  async function setFaults(pk: string, f: Partial<Faults>): Promise<Faults> {
    const pool = await db();
    const r = await pool.query(
      `update ${table} set fault_error_rate = coalesce($2, fault_error_rate), fault_latency_ms = coalesce($3, fault_latency_ms),
       fault_fail_next = coalesce($4, fault_fail_next), fault_status = coalesce($5, fault_status)
     where id = $1 returning fault_error_rate, fault_latency_ms, fault_fail_next, fault_status`,
      [pk, f.errorRate ?? null, f.latencyMs ?? null, f.failNext ?? null, f.status ?? null],
    );
    return faultsOf(r.rows[0] ?? {});
  }

  /** Waits the configured latency, then returns the status to fail this call with (or undefined). */
  async function injectFault(pk: string, f: Faults): Promise<number | undefined> {
    if (f.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(f.latencyMs, MAX_LATENCY_MS)));
    if (f.failNext > 0) {
      const pool = await db();
      // Decrement atomically: two concurrent calls must not both consume the last injected failure.
      const r = await pool.query(
        `update ${table} set fault_fail_next = fault_fail_next - 1 where id = $1 and fault_fail_next > 0 returning fault_status`,
        [pk],
      );
      if (r.rows[0]) return Number((r.rows[0] as { fault_status: number }).fault_status);
    }
    if (f.errorRate > 0 && Math.random() < f.errorRate) return f.status;
    return undefined;
  }
  return { setFaults, injectFault };
}
