import { expect } from "vitest";
import type { Env } from "./helpers";

/** Helpers shared by the recurring and invoice contract tests (real HTTP against the sandbox). */

export interface Customer {
  id: string;
  payment_method_id: string;
}

/** A vault customer whose default payment method is the given test card. */
export async function createCustomer(env: Env, number = "4111111111111111"): Promise<Customer> {
  const r = await env.api("POST", "/api/vault/customer", {
    description: "recurring test customer",
    default_payment: { card: { number, expiration_date: "12/30" } },
    default_billing_address: {
      first_name: "Ada",
      last_name: "Lovelace",
      line_1: "1 Main St",
      city: "Springfield",
      state: "IL",
      postal_code: "62701",
      country: "US",
      email: "ada@example.com",
    },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  const data = r.json.data as { id: string; data: { customer: { defaults: Record<string, string> } } };
  const pmId = data.data.customer.defaults.payment_method_id ?? "";
  expect(pmId).not.toBe("");
  return { id: data.id as string, payment_method_id: pmId };
}

export async function clockNow(env: Env): Promise<Date> {
  const r = await env.api("GET", "/_control/clock");
  return new Date((r.json.data as { now: string }).now);
}

export async function advanceSeconds(env: Env, seconds: number): Promise<Date> {
  const r = await env.api("POST", "/_control/clock", { advance_seconds: seconds });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return new Date((r.json.data as { now: string }).now);
}

export const advanceDays = (env: Env, days: number) => advanceSeconds(env, days * 86_400);

/** Moves the account's clock to 12:00 UTC of `date` ("YYYY-MM-DD"), which must not be in its past. */
export async function advanceTo(env: Env, date: string): Promise<Date> {
  const now = await clockNow(env);
  const target = Date.parse(`${date}T12:00:00Z`);
  expect(target).toBeGreaterThanOrEqual(now.getTime());
  return advanceSeconds(env, Math.ceil((target - now.getTime()) / 1000));
}

export const today = (d: Date) => d.toISOString().slice(0, 10);

export function addDaysTo(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export type Txn = Record<string, unknown> & { id: string; amount: number; status: string; created_at: string };

/** The subscription's transactions, oldest first (the transaction search's subscription_id filter). */
export async function subscriptionTransactions(env: Env, subscriptionId: string): Promise<Txn[]> {
  const r = await env.api("POST", "/api/transaction/search", {
    subscription_id: { operator: "=", value: subscriptionId },
    created_at: { start_date: "2000-01-01T00:00:00Z", end_date: "2100-01-01T00:00:00Z" },
    limit: 100,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  const rows = (r.json.data as Txn[]) ?? [];
  return [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export function dataOf<T = Record<string, unknown>>(r: { json: Record<string, unknown> }): T {
  return r.json.data as T;
}
