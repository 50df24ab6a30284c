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
