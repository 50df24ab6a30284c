import { z } from "zod";
import { checkbox, gatewayReference, optionalText, positiveCents } from "./fields";

export const runTerminalSchema = z.object({
  merchantId: z.string().min(1),
  terminalId: z.string().trim().min(1, "Choose a terminal."),
  type: z.enum(["sale", "authorize"], { error: "Choose sale or authorization." }),
  amount: positiveCents(),
  /** One per form render (idempotency: a double click starts one run). */
  intentId: z.string().uuid("Reload the page and try again."),
  orderId: gatewayReference("Order id"),
  description: optionalText(255, "Description"),
  /** Ask for a tip on the device (CardPointe). */
  tipPrompt: checkbox,
  /** Ask the customer to sign on the device. */
  signature: checkbox,
  /** The user confirmed taking the terminal over from another register. */
  force: checkbox,
});

export const captureSignatureSchema = z.object({
  merchantId: z.string().min(1),
  transactionId: z.string().trim().min(1).max(64),
  terminalId: z.string().trim().min(1).max(64),
  force: checkbox,
});

export const cancelTerminalRunSchema = z.object({
  merchantId: z.string().min(1),
  runId: z.string().trim().min(1).max(64),
  terminalId: z.string().trim().min(1).max(64).optional(),
});

export const settleTerminalSchema = z.object({
  merchantId: z.string().min(1),
  terminalId: z.string().trim().min(1).max(64),
});
