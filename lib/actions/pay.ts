"use server";

import { headers } from "next/headers";
import { publicAction } from "@/lib/actions/safe-action";
import { clientIp } from "@/lib/auth/request";
import { payByLink } from "@/lib/services/invoices/pay";
import { previewPayment, quotePayment } from "@/lib/services/invoices/pay-page";
import { payInvoiceSchema, payPreviewSchema, payQuoteSchema } from "@/lib/validations/invoices";

/**
 * The hosted pay page's actions. Public: the customer has no account; the unguessable link token is the
 * authority (resolved to one merchant's one invoice), throttled per link and per client address.
 */

async function ip(): Promise<string> {
  try {
    return clientIp(new Request("http://pay.local", { headers: await headers() }));
  } catch {
    // Outside a request (integration tests call the action directly): one address per process, so test files running
    // in parallel against one database do not share — and exhaust — one per-address budget.
    return `local-${process.pid}`;
  }
}

export const payInvoiceAction = publicAction(
  "the hosted pay page: the customer has no login; the link token names the invoice",
  payInvoiceSchema,
  async (input) => payByLink(input, { ip: await ip() }),
);

export const previewInvoicePaymentAction = publicAction(
  "surcharge disclosure on the hosted pay page, by link token and card BIN",
  payPreviewSchema,
  async (input) => previewPayment(input.token, input.bin, input.amount, await ip()),
);

export const quotePaymentAction = publicAction(
  "the hosted pay page's figures for the amount the customer typed, by link token",
  payQuoteSchema,
  async (input) => quotePayment(input.token, input.amount, await ip()),
);
