import { getDb } from "@/db/client";
import { getActiveUser, getMerchantMembership, getPartnerMembership, isAgentAssigned } from "@/db/queries/memberships";
import { getMerchant } from "@/db/queries/merchants";
import { env } from "@/lib/env";
import { Forbidden, MfaEnrolmentRequired, NotFound, Unauthenticated } from "./errors";
import { isAdminWithoutMfa } from "./mfa-policy";
import {
  isPartnerRole,
  type MerchantPermission,
  type MerchantRole,
  merchantRoleCan,
  PARTNER_ROLE_IN_MERCHANT,
  type PartnerPermission,
  type PartnerRole,
  partnerRoleCan,
  type Role,
} from "./permissions";
import { currentClaims, type SessionClaims } from "./session";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export type Merchant = NonNullable<Awaited<ReturnType<typeof getMerchant>>>;

export interface MerchantContext {
  kind: "merchant";
  user: SessionUser;
  merchant: Merchant;
  /** Effective role inside the merchant (partner users act through PARTNER_ROLE_IN_MERCHANT). */
  role: MerchantRole;
  via: "membership" | "partner";
}

export interface PartnerContext {
  kind: "partner";
  user: SessionUser;
  partnerId: string;
  role: PartnerRole;
  /** Agents see only merchants assigned to them: queries filter by this user id when set. */
  agentUserId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signed-in user, verified against the database (exists, enabled, session not revoked). With
 * REQUIRE_ADMIN_MFA on, an admin without a second factor is refused everything except their own account
 * pages and actions (`allowWithoutMfa`), where they enrol.
 */
export async function requireSessionUser(
  claims?: SessionClaims | null,
  opts: { allowWithoutMfa?: boolean } = {},
): Promise<SessionUser> {
  const c = claims === undefined ? await currentClaims() : claims;
  if (!c || !UUID.test(c.userId)) throw new Unauthenticated();
  const user = await getActiveUser({ userId: c.userId });
  if (!user || user.disabled || user.sessionVersion !== c.sessionVersion) throw new Unauthenticated();
  if (!opts.allowWithoutMfa && env().adminMfaRequired && (await isAdminWithoutMfa(user.id)))
    throw new MfaEnrolmentRequired();
  return { id: user.id, email: user.email, name: user.name };
}

async function merchantRoleFor(user: SessionUser, merchant: Merchant): Promise<MerchantContext | null> {
  const db = getDb();
  const direct = await getMerchantMembership({ userId: user.id, merchantId: merchant.id }, db);
  if (direct && !isPartnerRole(direct.role as Role)) {
    return { kind: "merchant", user, merchant, role: direct.role as MerchantRole, via: "membership" };
  }
  const pm = await getPartnerMembership({ userId: user.id, partnerId: merchant.partnerId }, db);
  if (!pm) return null;
  const role = pm.role as PartnerRole;
  if (role === "partner_agent" && !(await isAgentAssigned({ userId: user.id, merchantId: merchant.id }, db))) {
    return null;
  }
  return { kind: "merchant", user, merchant, role: PARTNER_ROLE_IN_MERCHANT[role], via: "partner" };
}

/** The signed-in user's context in a merchant (no permission checked yet): NotFound for outsiders and bad ids. */
export async function merchantContextFor(user: SessionUser, merchantId: string): Promise<MerchantContext> {
  if (typeof merchantId !== "string" || !UUID.test(merchantId)) throw new NotFound();
  const merchant = await getMerchant({ merchantId });
  if (!merchant) throw new NotFound();
  const ctx = await merchantRoleFor(user, merchant);
  if (!ctx) throw new NotFound();
  return ctx;
}

/** The signed-in user's context in a partner (no permission checked yet): NotFound for outsiders and bad ids. */
export async function partnerContextFor(user: SessionUser, partnerId: string): Promise<PartnerContext> {
  if (typeof partnerId !== "string" || !UUID.test(partnerId)) throw new NotFound();
  const pm = await getPartnerMembership({ userId: user.id, partnerId });
  if (!pm || !isPartnerRole(pm.role as Role)) throw new NotFound();
  const role = pm.role as PartnerRole;
  return { kind: "partner", user, partnerId, role, agentUserId: role === "partner_agent" ? user.id : undefined };
}

/** Members without the permission get Forbidden. */
export function checkPermission<C extends MerchantContext | PartnerContext>(
  ctx: C,
  permission: C extends MerchantContext ? MerchantPermission : PartnerPermission,
): C {
  const allowed =
    ctx.kind === "merchant"
      ? merchantRoleCan(ctx.role, permission as MerchantPermission)
      : partnerRoleCan(ctx.role, permission as PartnerPermission);
  if (!allowed) throw new Forbidden();
  return ctx;
}

/**
 * The one guard. Loads the membership from the database for the requested scope and checks the
 * permission. Outsiders (no membership, unknown or malformed id) get NotFound; members without the
 * permission get Forbidden; no or revoked session gets Unauthenticated.
 */
export async function authorize(
  claims: SessionClaims | null | undefined,
  scope: { merchantId: string },
  permission: MerchantPermission,
): Promise<MerchantContext>;
export async function authorize(
  claims: SessionClaims | null | undefined,
  scope: { partnerId: string },
  permission: PartnerPermission,
): Promise<PartnerContext>;
export async function authorize(
  claims: SessionClaims | null | undefined,
  scope: { merchantId: string } | { partnerId: string },
  permission: MerchantPermission | PartnerPermission,
): Promise<MerchantContext | PartnerContext> {
  const user = await requireSessionUser(claims);
  if ("merchantId" in scope)
    return checkPermission(await merchantContextFor(user, scope.merchantId), permission as MerchantPermission);
  return checkPermission(await partnerContextFor(user, scope.partnerId), permission as PartnerPermission);
}
