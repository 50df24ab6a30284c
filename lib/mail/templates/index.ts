import type { ComponentType } from "react";
import * as accounts from "./accounts";
import * as boarding from "./boarding";
import type { Brand } from "./layout";
import * as payments from "./payments";

export type { Brand } from "./layout";

interface Template<P> {
  Component: ComponentType<P & { brand: Brand }>;
  subject: (props: P, brand: Brand) => string;
  /** Carries a credential (set-password, reset, magic link): only the addressed account's own mailbox may get it. */
  credential: boolean;
}

const t = <P>(
  Component: ComponentType<P & { brand: Brand }>,
  subject: (props: P, brand: Brand) => string,
  credential = false,
): Template<P> => ({ Component, subject, credential });

/** Every email the portal sends. Add a template here (a React component and a subject) to send a new kind. */
export const TEMPLATES = {
  invitation: t(accounts.Invitation, accounts.invitationSubject),
  "set-password": t(accounts.SetPassword, accounts.setPasswordSubject, true),
  "password-reset": t(accounts.PasswordReset, accounts.passwordResetSubject, true),
  "new-device": t(accounts.NewDevice, accounts.newDeviceSubject),
  "invoice-sent": t(payments.InvoiceSent, payments.invoiceSentSubject),
  "payment-receipt": t(payments.PaymentReceipt, payments.paymentReceiptSubject),
  "transaction-receipt": t(payments.TransactionReceipt, payments.transactionReceiptSubject),
  "payment-failed": t(payments.PaymentFailed, payments.paymentFailedSubject),
  "renewal-reminder": t(payments.RenewalReminder, payments.renewalReminderSubject),
  "esign-request": t(boarding.EsignRequest, boarding.esignRequestSubject),
  "merchant-welcome": t(boarding.MerchantWelcome, boarding.merchantWelcomeSubject, true),
};

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateProps<N extends TemplateName> = (typeof TEMPLATES)[N] extends Template<infer P> ? P : never;

/** Human words for the "Sent messages" list. */
export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  invitation: "Team invitation",
  "set-password": "Invitation (new account)",
  "password-reset": "Password reset",
  "new-device": "New sign-in",
  "invoice-sent": "Invoice",
  "payment-receipt": "Payment receipt",
  "transaction-receipt": "Transaction receipt",
  "payment-failed": "Payment failed",
  "renewal-reminder": "Renewal reminder",
  "esign-request": "E-signature request",
  "merchant-welcome": "Welcome",
};
