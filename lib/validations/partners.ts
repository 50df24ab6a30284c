import { z } from "zod";

const id = z.string().uuid();

export const assignAgentInput = z.object({
  partnerId: id,
  merchantId: id,
  agentUserId: id,
  assigned: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});

export const setPasswordInput = z
  .object({
    token: z.string().min(20).max(200),
    password: z.string().max(200),
    confirm: z.string().max(200),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirm)
      ctx.addIssue({ code: "custom", path: ["confirm"], message: "The passwords do not match." });
  });

const opt = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

/** Portfolio filters from the URL (page and CSV export share them); anything invalid is ignored. */
export const portfolioFilters = z.object({
  q: opt(
    z
      .string()
      .transform((v) => v.replace(/\u0000/g, "")) // PostgreSQL refuses NUL in a query
      .pipe(z.string().trim().max(100)),
  ),
  gateway: opt(z.enum(["fluidpay", "cardpointe"])),
  status: opt(z.enum(["live", "inactive", "closed"])),
  stage: opt(z.enum(["draft", "submitted", "signature_sent", "signed", "approved", "declined", "boarded", "live"])),
  activity: opt(z.enum(["has", "none"])),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1),
});
