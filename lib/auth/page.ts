import { forbidden, notFound, redirect } from "next/navigation";
import { Forbidden, MfaEnrolmentRequired, NotFound, Unauthenticated } from "./errors";
import { authorize, type MerchantContext, type PartnerContext, requireSessionUser, type SessionUser } from "./guard";
import type { MerchantPermission, PartnerPermission } from "./permissions";

/** Pages and layouts use the same guard; its outcomes become 404, 403 or a redirect to sign-in. */
function handle(err: unknown): never {
  if (err instanceof Unauthenticated) redirect("/login");
  if (err instanceof MfaEnrolmentRequired) redirect("/account/security?required=mfa");
  if (err instanceof NotFound) notFound();
  if (err instanceof Forbidden) forbidden();
  throw err;
}

export async function requireMerchantPage(merchantId: string, permission: MerchantPermission = "merchant:view") {
  try {
    return await authorize(undefined, { merchantId }, permission);
  } catch (err) {
    handle(err);
  }
}

export async function requirePartnerPage(partnerId: string, permission: PartnerPermission = "partner:view") {
  try {
    return await authorize(undefined, { partnerId }, permission);
  } catch (err) {
    handle(err);
  }
}

export async function requireUserPage(): Promise<SessionUser> {
  try {
    return await requireSessionUser();
  } catch (err) {
    handle(err);
  }
}

/** The signed-in user's own account pages: reachable before an admin has enrolled MFA (that is where they do it). */
export async function requireAccountPage(): Promise<SessionUser> {
  try {
    return await requireSessionUser(undefined, { allowWithoutMfa: true });
  } catch (err) {
    handle(err);
  }
}

export type { MerchantContext, PartnerContext };
