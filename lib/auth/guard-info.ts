import type { MerchantPermission, PartnerPermission } from "./permissions";

/**
 * What guards an entry point, attached to every server action and guarded route handler: the registry tests walk
 * every action and route and prove each one rejects anonymous callers and users of another tenant.
 */
export const GUARD = Symbol.for("portal.action.guard");

export type GuardInfo =
  | { kind: "merchant"; permission: MerchantPermission }
  | { kind: "partner"; permission: PartnerPermission }
  | { kind: "user" }
  | { kind: "public"; reason: string };
