import type { Address, AddressInput, IsoTimestamp } from "./types-common";
import type { CardBrand, PaymentSource } from "./types-transactions";

// ---------------------------------------------------------------------------------------------------------
// Customer vault

export type StoredPaymentMethod =
  | {
      kind: "card";
      id: string;
      brand: CardBrand;
      maskedNumber: string | null;
      lastFour: string | null;
      /** "MM/YY" */
      expiration: string | null;
      isDefault: boolean;
    }
  | {
      kind: "ach";
      id: string;
      maskedAccount: string | null;
      lastFour: string | null;
      routingNumber: string | null;
      accountType: "checking" | "savings" | null;
      secCode: string | null;
      isDefault: boolean;
    };

export interface StoredAddress extends Address {
  id: string;
}

export interface Customer {
  id: string;
  description: string | null;
  notes: string | null;
  flags: string[];
  addresses: StoredAddress[];
  paymentMethods: StoredPaymentMethod[];
  defaults: {
    billingAddressId: string | null;
    shippingAddressId: string | null;
    paymentMethodId: string | null;
    paymentMethodType: "card" | "ach" | null;
  };
  createdAt: IsoTimestamp | null;
  updatedAt: IsoTimestamp | null;
}

/** What may be stored in the vault: a tokenizer token in the portal; raw card/ACH only server-to-server. */
export type VaultPaymentInput = Extract<PaymentSource, { kind: "token" | "card" | "ach" }>;

export interface CreateCustomerInput {
  /** Custom id (a-z, A-Z, 0-9, ≤ 40); the gateway generates one when absent. */
  id?: string;
  description?: string;
  notes?: string;
  flags?: string[];
  paymentMethod?: VaultPaymentInput;
  billingAddress?: AddressInput;
  shippingAddress?: AddressInput;
}

export interface UpdateCustomerInput {
  description?: string;
  notes?: string;
  flags?: string[];
  defaults?: {
    billingAddressId?: string;
    shippingAddressId?: string;
    paymentMethodId?: string;
    paymentMethodType?: "card" | "ach";
  };
}

export interface CustomerQuery {
  id?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  phone?: string;
  postalCode?: string;
  limit?: number;
  offset?: number;
}
