import { z } from "zod";

/** Merchant Settings → Integrations: the CardPointe connection (environment, site, MID, API credentials). */
export const cardpointeConnectionSchema = z.object({
  merchantId: z.string(),
  environment: z.enum(["sandbox", "uat", "production"], "Choose an environment."),
  site: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "The site is the first label of your host, e.g. fts.")
    .refine((s) => !s.endsWith("-uat"), "Enter the site without -uat: the environment says that."),
  merchid: z
    .string()
    .trim()
    .regex(/^\d{6,16}$/, "The MID is 6 to 16 digits."),
  username: z.string().trim().min(1, "Enter the API username.").max(100),
  /** Empty: keep the current password (same user). */
  password: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  terminalApiKey: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
});
export type CardPointeConnectionInput = z.output<typeof cardpointeConnectionSchema>;

export const merchantRefSchema = z.object({ merchantId: z.string() });
