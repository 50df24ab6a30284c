import type { MerchantContext } from "@/lib/auth/guard";
import { type CoPilotClient, CoPilotError, CoPilotInvalid, CoPilotNotFound } from "@/lib/copilot";
import { billingFieldFor } from "@/lib/copilot/transform";
import { UserError } from "@/lib/errors";
import { copilotForPartner } from "@/lib/services/partners/copilot";

export const NOT_CARDPOINTE =
  "Billing plans are a CardPointe feature (CoPilot). This merchant runs on the FluidPay gateway: use its plans and subscriptions instead.";

export type BillingAvailability =
  { ok: true; merchId: string } | { ok: false; reason: "not_cardpointe" | "no_mid"; message: string };

/** Whether a merchant can have CoPilot billing plans (pages show the message instead of the screens). */
export function billingAvailability(merchant: MerchantContext["merchant"]): BillingAvailability {
  if (merchant.gateway !== "cardpointe") return { ok: false, reason: "not_cardpointe", message: NOT_CARDPOINTE };
  if (!merchant.mid)
    return {
      ok: false,
      reason: "no_mid",
      message: "This merchant has no CardPointe merchant id yet, so CoPilot cannot bill its customers.",
    };
  return { ok: true, merchId: merchant.mid };
}

export interface BillingContext {
  client: CoPilotClient;
  /** CardPointe MID the plans are filed under at CoPilot (`merchId`). */
  merchId: string;
}

/**
 * Which CoPilot API user and which merchant id a merchant's billing plans use: the CoPilot integration of the
 * merchant's partner (partner_integrations; sandbox mode provisions it on first use) and the merchant's
 * CardPointe MID, the account its vault profiles live in. In production that MID is the front-end MID CoPilot
 * assigned at boarding (provisioning stores it on the merchant); in sandbox mode it is the CardPointe sandbox
 * merchant the portal created for it.
 */
export async function billingContext(ctx: MerchantContext): Promise<BillingContext> {
  const a = billingAvailability(ctx.merchant);
  if (!a.ok) throw new UserError("unavailable", a.message);
  const { client } = await copilotForPartner(ctx.merchant.partnerId, ctx.user.id);
  return { client, merchId: a.merchId };
}

/** CoPilot names its fields in its messages ("startDate cannot be in the past."): say them as the form does. */
const FIELD_WORDS: Record<string, string> = {
  startDate: "The first payment date",
  untilDate: "The last billing date",
  untilNumPayments: "The number of payments",
  billingPlanName: "The plan name",
  amount: "The amount",
  every: "Every",
  timeSpan: "Repeats",
  profileId: "The customer profile",
  acctId: "The payment method",
  retref: "The retrieval reference",
};

export function humanCoPilotMessage(message: string): string {
  return message.replace(/^(\w+)(?= )/, (w) => FIELD_WORDS[w] ?? w);
}

/** CoPilot's errors[] on a billing-plan call → the form's fields (unknown fields go to the form banner). */
export async function withBillingFieldErrors<T>(fn: () => Promise<T>, message: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CoPilotInvalid) {
      const fields: Record<string, string[]> = {};
      for (const e of err.errors) (fields[billingFieldFor(e.errorField)] ??= []).push(humanCoPilotMessage(e.message));
      const formOnly = Object.keys(fields).length === 1 && fields._form;
      throw new UserError("invalid", formOnly ? (fields._form?.[0] ?? message) : message, fields);
    }
    throw err;
  }
}

/** For pages: the words to show when CoPilot cannot be reached or refuses our credentials; null otherwise. */
export function billingPageError(err: unknown): string | null {
  if (err instanceof UserError) return err.message;
  if (err instanceof CoPilotError && !(err instanceof CoPilotNotFound)) {
    const r = err.toActionResult();
    return r.ok ? null : r.error.replace("Your draft is saved; please", "Please");
  }
  return null;
}
