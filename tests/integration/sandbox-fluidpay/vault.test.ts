import { describe, expect, test } from "vitest";
import { getPool } from "@/db/client";
import { openForFile } from "@/tests/helpers/for-file";
import { setup } from "./helpers";

const env = openForFile(() => setup("vault"));

interface CustomerView {
  id: string;
  owner_id: string;
  created_address_id?: string;
  created_payment_method_id?: string;
  data: {
    customer: {
      addresses: { id: string; hash: string; line_1: string; postal_code: string }[];
      defaults: Record<string, string>;
      description: string;
      flags: string[];
      payments: {
        cards: { id: string; masked_number: string; card_type: string; expiration_date: string }[];
        ach: { id: string; masked_account_number: string }[];
      };
    };
  };
}

const billing = {
  first_name: "John",
  last_name: "Smith",
  company: "Some Business",
  line_1: "123 Some St",
  city: "Wheaton",
  state: "IL",
  postal_code: "60187",
  country: "US",
  email: "user@somesite.com",
  phone: "5555555555",
};

async function createCustomer(extra: Record<string, unknown> = {}): Promise<CustomerView> {
  const r = await env.api("POST", "/api/vault/customer", {
    description: "test description",
    default_payment: { card: { number: "4111111111111111", expiration_date: "12/30" } },
    default_billing_address: billing,
    default_shipping_address: billing,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.data as CustomerView;
}

describe("customer vault", () => {
  test("a customer with default card 4111111111111111 reads back as 411111******1111", async () => {
    const created = await createCustomer();
    const r = await env.api("GET", `/api/vault/${created.id}`);
    expect(r.status).toBe(200);
    const c = r.json.data as CustomerView;
    expect(c.owner_id).toBe(env.merchantId);
    const cardRow = c.data.customer.payments.cards[0];
    expect(cardRow).toMatchObject({
      masked_number: "411111******1111",
      card_type: "visa",
      expiration_date: "2030-12-31T00:00:00Z",
    });
    expect(c.data.customer.defaults).toMatchObject({ payment_method_id: cardRow?.id, payment_method_type: "card" });
    // Same billing and shipping address is stored once and used for both defaults.
    expect(c.data.customer.addresses).toHaveLength(1);
    expect(c.data.customer.defaults.billing_address_id).toBe(c.data.customer.addresses[0]?.id);
    expect(c.data.customer.defaults.shipping_address_id).toBe(c.data.customer.addresses[0]?.id);
    expect(JSON.stringify(r.json)).not.toContain("4111111111111111");
  });

  test("no text or jsonb column of any sandbox_gateway table holds a full card number in clear", async () => {
    await createCustomer({ default_payment: { card: { number: "5555555555554444", expiration_date: "0131" } } });
    await env.api("POST", "/api/transaction", {
      type: "sale",
      amount: 100,
      create_vault_record: true,
      payment_method: { card: { number: "4005519200000004", expiration_date: "12/30", cvc: "123" } },
    });
    const pool = getPool();
    const cols = await pool.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'sandbox_gateway' and data_type in ('text', 'jsonb', 'json', 'character varying')`,
    );
    expect(cols.rows.length).toBeGreaterThan(10);
    const pans = ["4111111111111111", "5555555555554444", "4005519200000004"];
    let scanned = 0;
    for (const { table_name, column_name } of cols.rows) {
      for (const pan of pans) {
        const r = await pool.query(
          `select count(*)::int as n from sandbox_gateway."${table_name}" where "${column_name}"::text like $1`,
          [`%${pan}%`],
        );
        expect((r.rows[0] as { n: number }).n, `${table_name}.${column_name} holds ${pan}`).toBe(0);
        scanned += 1;
      }
    }
    expect(scanned).toBeGreaterThan(30);
    // …while the vault itself still holds the card (sealed) and can charge it.
    const sealed = await pool.query(`select sealed from sandbox_gateway.payment_methods limit 1`);
    expect(String((sealed.rows[0] as { sealed: string }).sealed)).toMatch(/^v1\./);
  });

  test("create validates fields and custom ids", async () => {
    const bad = await env.api("POST", "/api/vault/customer", {
      default_payment: { card: { number: "4111111111111112", expiration_date: "12/30" } },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.json.msg)).toContain("default_payment.card.number");
    const noExp = await env.api("POST", "/api/vault/customer", {
      default_payment: { card: { number: "4111111111111111" } },
    });
    expect(String(noExp.json.msg)).toContain("expiration_date");
    const email = await env.api("POST", "/api/vault/customer", { default_billing_address: { email: "x" } });
    expect(email.status).toBe(400);
    const id = `cust${Date.now()}`;
    const custom = await env.api("POST", "/api/vault/customer", { id, description: "custom" });
    expect((custom.json.data as CustomerView).id).toBe(id);
    expect((await env.api("POST", "/api/vault/customer", { id })).status).toBe(400);
    expect((await env.api("POST", "/api/vault/customer", { id: "bad id!" })).status).toBe(400);
    const fmt = await env.api("POST", "/api/vault/customer", {
      id_format: "xid_type_last4",
      default_payment: { card: { number: "4111111111111111", expiration_date: "12/30" } },
    });
    expect((fmt.json.data as CustomerView).id).toMatch(/_card_1111$/);
  });

  test("addresses: create, duplicate rule, update, delete clears defaults", async () => {
    const c = await createCustomer();
    const dup = await env.api("POST", `/api/vault/customer/${c.id}/address`, billing);
    expect(dup.status).toBe(400);
    expect(dup.json.msg).toBe("bad request error: invalid: would create a duplicate address");
    const add = await env.api("POST", `/api/vault/customer/${c.id}/address`, { ...billing, line_1: "9 Other Rd" });
    expect(add.status).toBe(200);
    const created = add.json.data as CustomerView;
    expect(created.created_address_id).toBeTruthy();
    expect(created.data.customer.addresses).toHaveLength(2);
    const firstId = c.data.customer.addresses[0]?.id as string;
    const toDup = await env.api("POST", `/api/vault/customer/${c.id}/address/${created.created_address_id}`, billing);
    expect(toDup.status).toBe(400);
    const upd = await env.api("POST", `/api/vault/customer/${c.id}/address/${created.created_address_id}`, {
      ...billing,
      postal_code: "60188",
    });
    expect(upd.status).toBe(200);
    const del = await env.api("DELETE", `/api/vault/customer/${c.id}/address/${firstId}`);
    expect(del.json).toEqual({ status: "success", msg: "success" });
    const after = (await env.api("GET", `/api/vault/${c.id}`)).json.data as CustomerView;
    expect(after.data.customer.defaults.billing_address_id).toBe("");
    expect((await env.api("DELETE", `/api/vault/customer/${c.id}/address/${firstId}`)).status).toBe(404);
  });

  test("payment methods: card, ach, defaults, update, delete", async () => {
    const c = await createCustomer();
    const ach = await env.api("POST", `/api/vault/customer/${c.id}/ach`, {
      account_number: "123456789",
      routing_number: "490000018",
      account_type: "checking",
      sec_code: "web",
    });
    expect(ach.status).toBe(200);
    const achView = ach.json.data as CustomerView;
    expect(achView.data.customer.payments.ach[0]?.masked_account_number).toBe("*****6789");
    const achId = achView.created_payment_method_id as string;
    const card2 = await env.api("POST", `/api/vault/customer/${c.id}/card`, {
      number: "5555555555554444",
      expiration_date: "0629",
    });
    const card2Id = (card2.json.data as CustomerView).created_payment_method_id as string;
    const setDefault = await env.api("POST", `/api/vault/customer/${c.id}`, {
      description: "updated",
      defaults: { payment_method_id: achId, payment_method_type: "ach" },
    });
    expect(setDefault.status).toBe(200);
    expect((setDefault.json.data as CustomerView).data.customer).toMatchObject({
      description: "updated",
      defaults: { payment_method_id: achId, payment_method_type: "ach" },
    });
    const mismatch = await env.api("POST", `/api/vault/customer/${c.id}`, {
      defaults: { payment_method_id: achId, payment_method_type: "card" },
    });
    expect(mismatch.status).toBe(400);
    const half = await env.api("POST", `/api/vault/customer/${c.id}`, { defaults: { payment_method_id: achId } });
    expect(half.status).toBe(400);
    const charge = await env.api("POST", "/api/transaction", {
      type: "sale",
      amount: 100,
      payment_method: { customer: { id: c.id } },
    });
    expect(charge.json.data).toMatchObject({ payment_type: "echeck", customer_payment_id: achId });
    const upd = await env.api("POST", `/api/vault/customer/${c.id}/card/${card2Id}`, {
      number: "4111111111111111",
      expiration_date: "01/31",
    });
    expect(
      (upd.json.data as CustomerView).data.customer.payments.cards.find((x) => x.id === card2Id)?.masked_number,
    ).toBe("411111******1111");
    expect((await env.api("DELETE", `/api/vault/customer/${c.id}/ach/${achId}`)).json.status).toBe("success");
    const after = (await env.api("GET", `/api/vault/${c.id}`)).json.data as CustomerView;
    expect(after.data.customer.defaults.payment_method_id).toBe("");
    expect((await env.api("DELETE", `/api/vault/customer/${c.id}/card/nope`)).status).toBe(404);
    expect((await env.api("POST", `/api/vault/customer/${c.id}/applepay`, {})).status).toBe(400);
  });

  test("search by address fields, id operators, paging; delete customer", async () => {
    const unique = `Zed${Date.now()}`;
    const a = await createCustomer({
      default_billing_address: { ...billing, last_name: unique },
      default_shipping_address: undefined,
    });
    await createCustomer({
      default_billing_address: { ...billing, last_name: `${unique}x` },
      default_shipping_address: undefined,
    });
    const r = await env.api("POST", "/api/vault/customer/search", { last_name: { operator: "=", value: unique } });
    expect(r.status).toBe(200);
    expect(r.json.total_count).toBe(1);
    expect((r.json.data as CustomerView[])[0]?.id).toBe(a.id);
    const byId = await env.api("POST", "/api/vault/customer/search", { id: { operator: "=", value: a.id } });
    expect(byId.json.total_count).toBe(1);
    const notId = await env.api("POST", "/api/vault/customer/search", {
      id: { operator: "!=", value: a.id },
      limit: 1,
    });
    expect((notId.json.data as CustomerView[]).length).toBe(1);
    expect(notId.json.total_count as number).toBeGreaterThan(1);
    expect((await env.api("POST", "/api/vault/customer/search", { limit: 101 })).status).toBe(400);
    expect((await env.api("POST", "/api/vault/customer/search", { city: { operator: "~", value: "x" } })).status).toBe(
      400,
    );
    expect((await env.api("DELETE", `/api/vault/${a.id}`)).json).toEqual({ status: "success", msg: "success" });
    expect((await env.api("GET", `/api/vault/${a.id}`)).status).toBe(404);
    expect((await env.api("DELETE", `/api/vault/${a.id}`)).status).toBe(404);
  });

  test("?validate=true runs a $0 verification: a declining card is refused, a good one stored", async () => {
    const bad = await env.api("POST", "/api/vault/customer?validate=true", {
      default_payment: { card: { number: "4000000000009995", expiration_date: "12/30" } },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.json.msg)).toContain("insufficient funds");
    const good = await env.api("POST", "/api/vault/customer?validate=true", {
      default_payment: { card: { number: "4111111111111111", expiration_date: "12/30" } },
    });
    expect(good.status).toBe(200);
    const unchecked = await env.api("POST", "/api/vault/customer", {
      default_payment: { card: { number: "4000000000009995", expiration_date: "12/30" } },
    });
    expect(unchecked.status).toBe(200);
  });
});
