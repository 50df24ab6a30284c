import { z } from "zod";
import { parseMoney } from "@/lib/money";

const optionalText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z.string().max(max, `${label}: at most ${max} characters.`).optional(),
  );

export const runTerminalSchema = z.object({
  merchantId: z.string().min(1),
  terminalId: z.string().trim().min(1, "Choose a terminal."),
  type: z.enum(["sale", "authorize"], { error: "Choose sale or authorization." }),
  amount: z.string({ error: "Enter the amount." }).transform((v, ctx) => {
    const r = parseMoney(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error });
      return z.NEVER;
    }
    if (r.cents <= 0) {
      ctx.addIssue({ code: "custom", message: "The amount must be more than zero." });
      return z.NEVER;
    }
    return r.cents;
  }),
  /** One per form render (idempotency: a double click starts one run). */
  intentId: z.string().uuid("Reload the page and try again."),
  orderId: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() || undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,15}$/, "Order id: up to 15 letters and digits.")
      .optional(),
  ),
  description: optionalText(255, "Description"),
});

export const cancelTerminalRunSchema = z.object({
  merchantId: z.string().min(1),
  runId: z.string().trim().min(1).max(64),
});

export const settleTerminalSchema = z.object({
  merchantId: z.string().min(1),
  terminalId: z.string().trim().min(1).max(64),
});
