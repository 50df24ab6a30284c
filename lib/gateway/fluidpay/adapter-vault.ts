import { Unavailable } from "../errors";
import type { Customer, VaultApi } from "../types";
import type { FluidPayClient } from "./client";
import { customerEnvelope, customerListEnvelope, emptyEnvelope, wireVaultCustomer } from "./schemas";
import {
  toAddressBody,
  toCreateCustomerBody,
  toCustomer,
  toCustomerSearchBody,
  toPaymentMethodBody,
  toUpdateCustomerBody,
} from "./transform";

const enc = encodeURIComponent;

export function vaultApi(client: FluidPayClient): VaultApi {
  const getCustomer = async (id: string): Promise<Customer> =>
    toCustomer((await client.json({ method: "GET", path: `/vault/${enc(id)}` }, customerEnvelope)).data);

  /** Mutations answer with the whole customer per the seed; re-read when an answer carries less. */
  async function mutate(
    call: Parameters<FluidPayClient["json"]>[0],
    customerId: string,
  ): Promise<{ customer: Customer; createdAddressId: string | null; createdPaymentMethodId: string | null }> {
    const res = await client.json(call, emptyEnvelope);
    const parsed = wireVaultCustomer.safeParse(res.data);
    if (parsed.success) {
      return {
        customer: toCustomer(parsed.data),
        createdAddressId: parsed.data.created_address_id ?? null,
        createdPaymentMethodId: parsed.data.created_payment_method_id ?? null,
      };
    }
    return { customer: await getCustomer(customerId), createdAddressId: null, createdPaymentMethodId: null };
  }

  return {
    async createCustomer(input) {
      const res = await client.json(
        { method: "POST", path: "/vault/customer", body: toCreateCustomerBody(input) },
        customerEnvelope,
      );
      return toCustomer(res.data);
    },

    getCustomer,

    async updateCustomer(id, input) {
      const body = toUpdateCustomerBody(input);
      return (await mutate({ method: "POST", path: `/vault/customer/${enc(id)}`, body }, id)).customer;
    },

    async deleteCustomer(id) {
      await client.json({ method: "DELETE", path: `/vault/${enc(id)}` }, emptyEnvelope);
    },

    async searchCustomers(query = {}) {
      const body = toCustomerSearchBody(query);
      const res = await client.json(
        { method: "POST", path: "/vault/customer/search", body, readOnly: true },
        customerListEnvelope,
      );
      const items = (res.data ?? []).map(toCustomer);
      return {
        items,
        totalCount: res.total_count ?? items.length,
        limit: body.limit as number,
        offset: body.offset as number,
      };
    },

    async addAddress(customerId, address) {
      const r = await mutate(
        { method: "POST", path: `/vault/customer/${enc(customerId)}/address`, body: toAddressBody(address) },
        customerId,
      );
      // created_address_id is documented (services.md §5.2); the gateway appends, so the last one is the fallback.
      const addressId = r.createdAddressId ?? r.customer.addresses.at(-1)?.id;
      if (!addressId) {
        throw new Unavailable({ reason: "bad_response", message: "address created but its id was not returned" });
      }
      return { customer: r.customer, addressId };
    },

    async updateAddress(customerId, addressId, address) {
      const path = `/vault/customer/${enc(customerId)}/address/${enc(addressId)}`;
      return (await mutate({ method: "POST", path, body: toAddressBody(address) }, customerId)).customer;
    },

    async deleteAddress(customerId, addressId) {
      const path = `/vault/customer/${enc(customerId)}/address/${enc(addressId)}`;
      await client.json({ method: "DELETE", path }, emptyEnvelope);
      return getCustomer(customerId);
    },

    async addPaymentMethod(customerId, method) {
      const { path, body } = toPaymentMethodBody(method);
      const r = await mutate({ method: "POST", path: `/vault/customer/${enc(customerId)}/${path}`, body }, customerId);
      const ofKind = r.customer.paymentMethods.filter((p) => p.kind === (path === "ach" ? "ach" : "card"));
      const paymentMethodId = r.createdPaymentMethodId ?? ofKind.at(-1)?.id;
      if (!paymentMethodId) {
        throw new Unavailable({
          reason: "bad_response",
          message: "payment method created but its id was not returned",
        });
      }
      return { customer: r.customer, paymentMethodId };
    },

    // Seed 003 "Update Payment Method Record" (L3336-3351): POST …/card/{id} with expiration_date, or …/token/{id}
    // with a tokenizer token; the payment method keeps its id.
    async updatePaymentMethod(customerId, paymentMethodId, change) {
      const base = `/vault/customer/${enc(customerId)}`;
      const req =
        change.kind === "token"
          ? { path: `${base}/token/${enc(paymentMethodId)}`, body: { token: change.token } }
          : { path: `${base}/card/${enc(paymentMethodId)}`, body: { expiration_date: change.expiration } };
      return (await mutate({ method: "POST", ...req }, customerId)).customer;
    },

    async deletePaymentMethod(customerId, kind, paymentMethodId) {
      const path = `/vault/customer/${enc(customerId)}/${kind}/${enc(paymentMethodId)}`;
      await client.json({ method: "DELETE", path }, emptyEnvelope);
      return getCustomer(customerId);
    },
  };
}
