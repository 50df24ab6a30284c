import { isExpired, parseExpiry } from "../transactions/cards";
import { ACH_ROUTING, CARD_TRIGGERS } from "../transactions/test-cards";
import type { PaymentSecret } from "./store";

/** Why a $0 verification of a payment method would decline (test cards, expiry, ACH trigger), or undefined. */
export function verificationDecline(s: PaymentSecret, now: Date): string | undefined {
  if (s.kind === "ach") return s.routing_number === ACH_ROUTING.decline ? "declined" : undefined;
  const trigger = CARD_TRIGGERS[s.number];
  if (trigger && trigger.response !== "approved") return trigger.processorText.toLowerCase();
  const exp = parseExpiry(s.expiration_date);
  if (exp && isExpired(exp, now)) return "expired card";
  return undefined;
}
