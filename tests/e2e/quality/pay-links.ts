import { randomUUID } from "node:crypto";
import { invoiceDraft, invoiceLine, mainStreetAustin } from "@/tests/fixtures/invoices";
import { merchantId, pointAtE2eRuntime } from "../helpers";
import { claimsOf } from "../security/seed-tenant";

/** The two gateway families' demo merchants whose pay page the quality specs open (FluidPay and CardPointe). */
export const PAY_MERCHANTS = [
  { family: "fluidpay", merchant: "Acme Coffee", owner: "owner@acme.test" },
  { family: "cardpointe", merchant: "Corner Hardware", owner: "owner@corner.test" },
] as const;

/**
 * A new open invoice of `merchant`, made and shared by link the way the merchant does it (the portal's own server
 * actions, run in this process as its owner), that accepts partial payments: the pay page shows the amount field and
 * the gateway's card form. Returns the pay page's path (`/pay/<token>`).
 */
export async function openInvoicePayPath(merchant: string, owner: string, label: string): Promise<string> {
  await pointAtE2eRuntime();
  const [{ runAsSession }, invoices] = await Promise.all([
    import("@/lib/auth/session"),
    import("@/lib/actions/invoices"),
  ]);
  const id = await merchantId(merchant);
  const claims = await claimsOf(owner);
  const created = await runAsSession(claims, () =>
    invoices.createInvoiceAction({
      merchantId: id,
      intentId: randomUUID(),
      invoice: JSON.stringify(
        invoiceDraft({
          dueDate: "2030-06-30",
          items: [invoiceLine({ name: `${label} consulting`, quantity: "2", unitPrice: "42.50" })],
          allowPartialPayment: true,
          sendVia: "none",
          billTo: {
            firstName: "Ada",
            lastName: `${label}lace`,
            email: `ada.${label.toLowerCase()}@pay.example`,
            ...mainStreetAustin,
          },
          payableTo: { company: merchant, line1: "2 Bean St", city: "Portland", state: "OR", postalCode: "97201" },
        }),
      ),
    }),
  );
  if (!created.ok) throw new Error(`invoice not created: ${created.error} ${JSON.stringify(created.fieldErrors)}`);
  const sent = await runAsSession(claims, () =>
    invoices.sendInvoiceAction({ merchantId: id, invoiceId: created.data.invoiceId, sendVia: "none" }),
  );
  if (!sent.ok) throw new Error(`invoice not shared: ${sent.error}`);
  return new URL(sent.data.url).pathname;
}
