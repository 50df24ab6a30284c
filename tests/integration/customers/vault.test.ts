import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getCustomer, listChargeableCustomers, listCustomers } from "@/db/queries/customers";
import { auditLog } from "@/db/schema";
import {
  addPaymentMethodAction,
  createCustomerAction,
  deleteAddressAction,
  deleteCustomerAction,
  deletePaymentMethodAction,
  saveAddressAction,
  setDefaultAddressAction,
  setDefaultPaymentMethodAction,
  updateCustomerAction,
} from "@/lib/actions/customers";
import type { ActionResult } from "@/lib/action-result";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { makeTenants } from "@/tests/helpers/tenants";
import { allRowsText, makeWorld, tokenize } from "../virtual-terminal/setup";
import { openForFile } from "@/tests/helpers/for-file";

const w = openForFile(makeWorld);

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r)}`);
  return r.data;
}

const as =
  (claims: SessionClaims) =>
  <T>(action: (input: unknown) => Promise<ActionResult<T>>, input: Record<string, unknown>) =>
    runAsSession(claims, () => action({ merchantId: w.t.merchantA, ...input }));

async function create(name: [string, string], extra: Record<string, unknown> = {}) {
  return ok(
    await as(w.t.adminA.claims)(createCustomerAction, {
      firstName: name[0],
      lastName: name[1],
      email: `${name[0].toLowerCase()}@example.test`,
      company: `${name[1]} Ltd`,
      ...extra,
    }),
  ).customerId;
}

const detail = (customerId: string) => getCustomer({ merchantId: w.t.merchantA, customerId });

describe("customer vault", () => {
  it("creates at the gateway first, then writes the customer through to the cache with an audit row", async () => {
    const id = await create(["Ada", "Lovelace"], { description: "Analytical engines", postalCode: "94107" });
    const gateway = await gatewayForMerchant(w.t.merchantA);
    expect((await gateway.vault.getCustomer(id)).description).toBe("Analytical engines");
    const c = await detail(id);
    expect(c).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.test",
      company: "Lovelace Ltd",
      paymentMethodCount: 0,
    });
    expect(c?.addresses).toHaveLength(1);
    expect(c?.addresses[0]).toMatchObject({ isDefaultBilling: true, postalCode: "94107" });
    const audits = await getDb()
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, id)));
    expect(audits).toEqual([{ action: "customer.create", actor: w.t.adminA.id }]);
  });

  it("adds payment methods only from tokens, masks them, sets the default and deletes with write-through", async () => {
    const id = await create(["Grace", "Hopper"]);
    const first = ok(await as(w.t.adminA.claims)(addPaymentMethodAction, { customerId: id, token: await tokenize(w) }));
    let c = await detail(id);
    expect(c?.paymentMethods).toEqual([
      expect.objectContaining({ id: first.paymentMethodId, kind: "card", lastFour: "1111", isDefault: true }),
    ]);
    expect(c?.paymentMethods[0]?.masked).toMatch(/^411111\*+1111$/);
    const second = ok(
      await as(w.t.adminA.claims)(addPaymentMethodAction, {
        customerId: id,
        token: await tokenize(w, "5555555555554444"),
      }),
    );
    c = await detail(id);
    expect(c?.defaultLastFour).toBe("1111");
    ok(
      await as(w.t.adminA.claims)(setDefaultPaymentMethodAction, {
        customerId: id,
        paymentMethodId: second.paymentMethodId,
        kind: "card",
      }),
    );
    c = await detail(id);
    expect(c).toMatchObject({ defaultLastFour: "4444", defaultCardBrand: "mastercard", paymentMethodCount: 2 });
    ok(
      await as(w.t.adminA.claims)(deletePaymentMethodAction, {
        customerId: id,
        paymentMethodId: first.paymentMethodId,
        kind: "card",
      }),
    );
    c = await detail(id);
    expect(c?.paymentMethods.map((p) => p.lastFour)).toEqual(["4444"]);
    const raw = await as(w.t.adminA.claims)(addPaymentMethodAction, { customerId: id, token: "4111111111111111" });
    expect(raw).toMatchObject({ ok: false, code: "invalid", fieldErrors: { token: [expect.any(String)] } });
  });

  it("adds, edits, defaults and deletes addresses", async () => {
    const id = await create(["Alan", "Turing"], { line1: "1 Bletchley Park", city: "Milton Keynes" });
    const added = ok(
      await as(w.t.adminA.claims)(saveAddressAction, {
        customerId: id,
        firstName: "Alan",
        lastName: "Turing",
        line1: "2 Shipping Lane",
        city: "Wilmslow",
        state: "ca",
        postalCode: "90210",
      }),
    );
    let c = await detail(id);
    expect(c?.addresses).toHaveLength(2);
    ok(
      await as(w.t.adminA.claims)(setDefaultAddressAction, {
        customerId: id,
        addressId: added.addressId,
        role: "shipping",
      }),
    );
    ok(
      await as(w.t.adminA.claims)(saveAddressAction, {
        customerId: id,
        addressId: added.addressId,
        line1: "3 Shipping Lane",
        city: "Wilmslow",
        state: "CA",
        postalCode: "90210",
      }),
    );
    c = await detail(id);
    const shipping = c?.addresses.find((a) => a.id === added.addressId);
    expect(shipping).toMatchObject({ line1: "3 Shipping Lane", state: "CA", isDefaultShipping: true });
    ok(await as(w.t.adminA.claims)(deleteAddressAction, { customerId: id, addressId: added.addressId }));
    c = await detail(id);
    expect(c?.addresses.map((a) => a.line1)).toEqual(["1 Bletchley Park"]);
    const bad = await as(w.t.adminA.claims)(saveAddressAction, { customerId: id, state: "California" });
    expect(bad).toMatchObject({ ok: false, code: "invalid", fieldErrors: { state: [expect.any(String)] } });
  });

  it("edits the name on the primary address and the description", async () => {
    const id = await create(["Katherine", "Johnson"]);
    ok(
      await as(w.t.staffA.claims)(updateCustomerAction, {
        customerId: id,
        firstName: "Katherine",
        lastName: "G. Johnson",
        email: "kgj@example.test",
        description: "Orbital mechanics",
      }),
    );
    expect(await detail(id)).toMatchObject({
      name: "Katherine G. Johnson",
      email: "kgj@example.test",
      description: "Orbital mechanics",
    });
  });

  it("searches the cache by name, email, company and last four, filters by method and paginates", async () => {
    const { merchantB } = w.t;
    const list = (q: string, method?: "any" | "card" | "ach" | "none") =>
      listCustomers({ merchantId: w.t.merchantA, q, method, pageSize: 100 });
    expect((await list("lovelace")).items.map((c) => c.name)).toEqual(["Ada Lovelace"]);
    expect((await list("grace@example")).items.map((c) => c.name)).toEqual(["Grace Hopper"]);
    expect((await list("Turing Ltd")).items.map((c) => c.name)).toEqual(["Alan Turing"]);
    expect((await list("4444")).items.map((c) => c.name)).toEqual(["Grace Hopper"]);
    expect((await list("%")).items).toEqual([]);
    expect((await list("", "card")).items.map((c) => c.name)).toEqual(["Grace Hopper"]);
    expect((await list("", "none")).items.map((c) => c.name)).not.toContain("Grace Hopper");
    const p1 = await listCustomers({ merchantId: w.t.merchantA, pageSize: 2, page: 1 });
    const p2 = await listCustomers({ merchantId: w.t.merchantA, pageSize: 2, page: 2 });
    expect(p1.total).toBe(4);
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(2);
    expect(new Set([...p1.items, ...p2.items].map((c) => c.id)).size).toBe(4);
    expect((await listCustomers({ merchantId: merchantB })).total).toBe(0);
    const chargeable = await listChargeableCustomers({ merchantId: w.t.merchantA });
    expect(chargeable.map((c) => c.name)).toEqual(["Grace Hopper"]);
  });

  it("deletes at the gateway and hides the customer from the cache; outsiders cannot touch it", async () => {
    const id = await create(["Temp", "Customer"]);
    const outsider = await runAsSession(w.t.adminB.claims, () =>
      deleteCustomerAction({ merchantId: w.t.merchantA, customerId: id }),
    );
    expect(outsider).toMatchObject({ ok: false, code: "not_found" });
    expect(await detail(id)).not.toBeNull();
    ok(await as(w.t.adminA.claims)(deleteCustomerAction, { customerId: id }));
    expect(await detail(id)).toBeNull();
    const gateway = await gatewayForMerchant(w.t.merchantA);
    await expect(gateway.vault.getCustomer(id)).rejects.toThrow();
    expect((await listCustomers({ merchantId: w.t.merchantA, q: "Temp" })).total).toBe(0);
  });

  it("a merchant without a connected gateway gets a clear 'not available' answer instead of a crash", async () => {
    const cp = await makeTenants("cardpointe");
    const r = await runAsSession(cp.adminA.claims, () =>
      createCustomerAction({ merchantId: cp.merchantA, firstName: "No", lastName: "Vault" }),
    );
    expect(r).toMatchObject({ ok: false, code: "unavailable" });
    if (!r.ok) expect(r.error).toMatch(/not available|no gateway credentials/i);
  });

  it("no request body, log line or table row holds a full card number", async () => {
    const rows = await allRowsText();
    for (const pan of ["4111111111111111", "5555555555554444"]) {
      for (const r of w.sent) expect(r.body).not.toContain(pan);
      for (const line of w.logged) expect(line).not.toContain(pan);
      expect(rows).not.toContain(pan);
    }
  });
});
