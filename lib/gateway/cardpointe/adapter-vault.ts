import { InvalidRequest, NotFound, Unsupported } from "../errors";
import type { AddressInput, Customer, VaultApi, VaultPaymentInput } from "../types";
import type { CardPointeClient } from "./client";
import { ppsSchema, profileGetSchema, profileWriteSchema } from "./schemas";
import { toCustomer } from "./transform-vault";

/**
 * The vault on CardPointe profiles: customer id = profileid (20 digits), payment method ids = acctids. A profile
 * exists only with at least one account, and the billing address lives on each account, so "addresses" are the
 * accounts' addresses (id = acctid). There is no profile search (customerSearch = false); the portal's cache is the
 * list. Custom customer ids are not possible: CardPointe assigns profile ids.
 */

const enc = encodeURIComponent;

function expiryOf(v: string): string {
  const m = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(v.trim());
  if (!m) throw new InvalidRequest("expiration", [{ field: "expiration", message: "Use MM/YY for the expiration" }]);
  return `${m[1]!.padStart(2, "0")}${m[2]!.slice(-2)}`;
}

function accountFields(method: VaultPaymentInput): Record<string, string> {
  switch (method.kind) {
    case "token":
      return { account: method.token };
    case "card":
      return { account: method.number, expiry: expiryOf(method.expiration) };
    case "ach":
      return {
        account: method.accountNumber,
        bankaba: method.routingNumber,
        accttype: method.accountType === "savings" ? "ESAV" : "ECHK",
      };
  }
}

function addressFields(a: AddressInput | undefined, description?: string): Record<string, string> {
  if (!a && !description) return {};
  const name = [a?.firstName, a?.lastName].filter(Boolean).join(" ").trim() || description;
  const out: Record<string, string | null | undefined> = {
    name,
    company: a?.company,
    address: a?.line1,
    address2: a?.line2,
    city: a?.city,
    region: a?.state,
    postal: a?.postalCode,
    country: a?.country,
    phone: a?.phone,
    email: a?.email,
  };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => Boolean(e[1])));
}

export function vaultApi(
  client: CardPointeClient,
  merchid: string,
): VaultApi & {
  defaultAccountId(profileId: string): Promise<string>;
} {
  async function save(body: Record<string, unknown>): Promise<{ profileid: string; acctid: string }> {
    const res = await client.write({ path: "/profile", body: { merchid, ...body } }, profileWriteSchema);
    if (res.respstat !== "A" || !res.profileid || !res.acctid) {
      if (res.respcode === "96") throw new NotFound("profile not found");
      const field = res.respcode === "98" ? "token" : res.respcode === "15" ? "expiration" : "paymentMethod";
      throw new InvalidRequest(`profile: ${res.resptext ?? "refused"} (PPS ${res.respcode ?? "?"})`, [
        {
          field,
          message:
            res.respcode === "98"
              ? "The card token is not valid for this merchant's site or environment"
              : "The payment method could not be saved",
        },
      ]);
    }
    return { profileid: res.profileid, acctid: res.acctid };
  }

  async function getCustomer(id: string): Promise<Customer> {
    if (!/^\d{1,20}$/.test(id)) throw new NotFound(`profile ${id} not found`);
    const res = await client.get({ path: `/profile/${enc(id)}//${enc(merchid)}` }, profileGetSchema);
    if (!Array.isArray(res) || res.length === 0) throw new NotFound(`profile ${id} not found`);
    return toCustomer(id, res);
  }

  async function remove(path: string): Promise<void> {
    const res = await client.write({ method: "DELETE", path }, ppsSchema);
    if (res.respstat !== "A") throw new NotFound("profile not found");
  }

  const notHere = (what: string) =>
    new InvalidRequest(`CardPointe profiles keep the billing address on each stored account (${what})`, [
      { field: "address", message: "Edit the address on the payment method instead" },
    ]);

  return {
    async createCustomer(input) {
      if (!input.paymentMethod) {
        throw new InvalidRequest("a CardPointe profile needs a payment method", [
          { field: "paymentMethod", message: "Add a card or bank account to create the customer" },
        ]);
      }
      const { profileid } = await save({
        ...accountFields(input.paymentMethod),
        ...addressFields(input.billingAddress, input.description),
        defaultacct: "Y",
      });
      return getCustomer(profileid);
    },

    getCustomer,

    async updateCustomer(id, input) {
      const customer = await getCustomer(id);
      const target = input.defaults?.paymentMethodId ?? customer.defaults.paymentMethodId;
      if (!target) return customer;
      const fields: Record<string, string> = {};
      if (input.description) fields.name = input.description;
      if (input.defaults?.paymentMethodId) fields.defaultacct = "Y";
      if (Object.keys(fields).length === 0) return customer;
      await save({ profile: `${id}/${target}`, profileupdate: "Y", ...fields });
      return getCustomer(id);
    },

    async deleteCustomer(id) {
      await remove(`/profile/${enc(id)}//${enc(merchid)}`);
    },

    async searchCustomers() {
      throw new Unsupported("cardpointe", "customerSearch");
    },

    async addAddress() {
      throw notHere("add");
    },

    async updateAddress(customerId, addressId, address) {
      await save({ profile: `${customerId}/${addressId}`, profileupdate: "Y", ...addressFields(address) });
      return getCustomer(customerId);
    },

    async deleteAddress() {
      throw notHere("delete");
    },

    async addPaymentMethod(customerId, method) {
      const before = await getCustomer(customerId);
      const { acctid } = await save({ profile: customerId, ...accountFields(method) });
      const customer = await getCustomer(customerId);
      void before;
      return { customer, paymentMethodId: acctid };
    },

    // Profile update (services.md §1.5: `profile` "<profileid>/<acctid>" + `profileupdate` Y, only non-empty fields
    // change): the account keeps its acctid, so billing plans on it follow.
    async updatePaymentMethod(customerId, paymentMethodId, change) {
      await save({
        profile: `${customerId}/${paymentMethodId}`,
        profileupdate: "Y",
        ...(change.kind === "token" ? { account: change.token } : { expiry: expiryOf(change.expiration) }),
      });
      return getCustomer(customerId);
    },

    async deletePaymentMethod(customerId, _kind, paymentMethodId) {
      await remove(`/profile/${enc(customerId)}/${enc(paymentMethodId)}/${enc(merchid)}`);
      return getCustomer(customerId);
    },

    async defaultAccountId(profileId) {
      const c = await getCustomer(profileId);
      const id = c.defaults.paymentMethodId ?? c.paymentMethods[0]?.id;
      if (!id) throw new NotFound(`profile ${profileId} has no accounts`);
      return id;
    },
  };
}
