/** Primitives shared by every gateway domain area (conventions in ./types.ts). */

export type GatewayFamily = "fluidpay" | "cardpointe";
export type Cents = number;
export type IsoTimestamp = string;
/** "YYYY-MM-DD" */
export type IsoDate = string;

export interface Page<T> {
  items: T[];
  /** Total matching records at the gateway (not just this page). */
  totalCount: number;
  limit: number;
  offset: number;
}

export interface Address {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
}
export type AddressInput = Partial<Address>;

/** An address with every field blank (one the provider keeps by id though nothing in it is filled in). */
export const BLANK_ADDRESS: Readonly<Address> = {
  firstName: null,
  lastName: null,
  company: null,
  line1: null,
  line2: null,
  city: null,
  state: null,
  postalCode: null,
  country: null,
  email: null,
  phone: null,
  fax: null,
};
