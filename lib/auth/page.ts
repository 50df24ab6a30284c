import { forbidden, notFound, redirect } from "next/navigation";
import { cache, type ReactNode } from "react";
import { listUserWorkspaces } from "@/db/queries/memberships";
import { Forbidden, MfaEnrolmentRequired, NotFound, Unauthenticated } from "./errors";
import {
  checkPermission,
  type MerchantContext,
  merchantContextFor,
  type PartnerContext,
  partnerContextFor,
  requireSessionUser,
  type SessionUser,
} from "./guard";
import type { MerchantPermission, PartnerPermission } from "./permissions";

/**
 * One request renders a layout or three and a page, each guarding itself. What they share is loaded once per request
 * (React `cache()`: per server render, never across requests or users): the signed-in user, and the merchant or
 * partner with the user's role in it. Each caller then checks its own permission against that context.
 */
const sessionUser = cache((allowWithoutMfa: boolean) => requireSessionUser(undefined, { allowWithoutMfa }));
const merchantContext = cache(async (merchantId: string) => merchantContextFor(await sessionUser(false), merchantId));
const partnerContext = cache(async (partnerId: string) => partnerContextFor(await sessionUser(false), partnerId));

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
    return checkPermission(await merchantContext(merchantId), permission);
  } catch (err) {
    handle(err);
  }
}

export async function requirePartnerPage(partnerId: string, permission: PartnerPermission = "partner:view") {
  try {
    return checkPermission(await partnerContext(partnerId), permission);
  } catch (err) {
    handle(err);
  }
}

/**
 * The partner portal's pages: the partner the signed-in user works for (users belong to one partner; 404 when there
 * is none or it cannot be told), guarded for `permission`.
 */
export async function currentPartnerPage(permission: PartnerPermission = "partner:view") {
  const partnerId = await sessionUser(false)
    .then((user) => listUserWorkspaces({ userId: user.id }))
    .then((ws) => ws.partners[0]?.id)
    .catch(() => undefined);
  if (!partnerId) notFound();
  return requirePartnerPage(partnerId, permission);
}

export async function requireUserPage(): Promise<SessionUser> {
  try {
    return await sessionUser(false);
  } catch (err) {
    handle(err);
  }
}

/** The signed-in user's own account pages: reachable before an admin has enrolled MFA (that is where they do it). */
export async function requireAccountPage(): Promise<SessionUser> {
  try {
    return await sessionUser(true);
  } catch (err) {
    handle(err);
  }
}

export type { MerchantContext, PartnerContext };

/** The props Next passes to a layout under /m/[merchantId]. */
export type MerchantLayoutProps = { children: ReactNode; params: Promise<{ merchantId: string }> };

/** The props Next passes to a page under /m/[merchantId]: its route params (merchantId and any below it) and query. */
export type MerchantPageProps<P extends Record<string, string> = Record<never, never>> = {
  params: Promise<{ merchantId: string } & P>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A page's query as Next passes it. */
export type PageQuery = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (`?a=1&a=2` reads as "1"). */
export function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * What every merchant page starts with, in one call: its route params, the guard for `permission` (404, 403 or the
 * sign-in redirect as in requireMerchantPage) and then its query.
 */
export async function merchantPage<P extends Record<string, string> = Record<never, never>>(
  props: { params: Promise<{ merchantId: string } & P>; searchParams?: Promise<PageQuery> },
  permission: MerchantPermission = "merchant:view",
) {
  const params = await props.params;
  const ctx = await requireMerchantPage(params.merchantId, permission);
  const query: PageQuery = (await props.searchParams) ?? {};
  return { ctx, params, query };
}
