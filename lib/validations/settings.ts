import { isValid, parseISO } from "date-fns";
import { z } from "zod";

/**
 * Settings, team and audit-log inputs, shared by the pages, the actions and the audit CSV route.
 */

// ---------------------------------------------------------------------------------------------------------
// Team

export const MEMBER_ROLES = ["merchant_admin", "merchant_staff"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const ROLE_LABELS: Record<MemberRole, string> = { merchant_admin: "Admin", merchant_staff: "Staff" };

const uuid = z.uuid("Unknown member.");

export const inviteMemberSchema = z.object({
  merchantId: z.string(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, "At most 320 characters.")
    .pipe(z.email("Enter an email address like name@example.com.")),
  name: z.string().trim().min(1, "Enter the person's name.").max(120, "At most 120 characters."),
  role: z.enum(MEMBER_ROLES, "Choose a role."),
});
export type InviteMemberInput = z.output<typeof inviteMemberSchema>;

export const changeMemberRoleSchema = z.object({
  merchantId: z.string(),
  userId: uuid,
  role: z.enum(MEMBER_ROLES, "Choose a role."),
});

export const removeMemberSchema = z.object({ merchantId: z.string(), userId: uuid });

export const invitationRefSchema = z.object({ merchantId: z.string(), invitationId: z.uuid("Unknown invitation.") });

const optionalText = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const updateProfileSchema = z.object({
  merchantId: z.string(),
  name: z.string().trim().min(2, "Enter the business name (2 characters or more).").max(120, "At most 120 characters."),
  /** Email branding (lib/mail): accent colour, logo and the Reply-To of customer emails. Blank clears a field. */
  brandColor: optionalText(
    z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1d4ed8.")
      .transform((v) => v.toLowerCase()),
  ),
  logoUrl: optionalText(
    z
      .string()
      .trim()
      .max(500, "At most 500 characters.")
      .pipe(z.url({ protocol: /^https$/, message: "Use an https:// address of an image (PNG or JPEG)." })),
  ),
  supportEmail: optionalText(
    z
      .string()
      .trim()
      .toLowerCase()
      .max(320, "At most 320 characters.")
      .pipe(z.email("Enter an email address like help@example.com.")),
  ),
});
export type UpdateProfileInput = z.output<typeof updateProfileSchema>;

// ---------------------------------------------------------------------------------------------------------
// Audit log filters (they live in the URL; the page and the CSV export read them the same way)

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-21.")
    .refine((s) => isValid(parseISO(s)), "Not a calendar date.")
    .optional(),
);

export const auditFiltersSchema = z
  .object({
    /** A user id, or `label:<actor label>` for non-user actors (webhooks, jobs, customers). */
    actor: z.preprocess(
      blank,
      z
        .string()
        .max(200)
        .regex(/^([0-9a-f-]{36}|label:[\w:.-]{1,100})$/i, "Unknown actor.")
        .optional(),
    ),
    /** An exact action ("transaction.refund") or a family ending in "." ("transaction."). */
    action: z.preprocess(
      blank,
      z
        .string()
        .max(100)
        .regex(/^[a-z0-9_.]+$/, "Unknown action.")
        .optional(),
    ),
    /** Inclusive calendar days (UTC). */
    from: day,
    to: day,
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    }
  });
export type AuditFilters = z.output<typeof auditFiltersSchema>;
export const AUDIT_FILTER_KEYS = ["actor", "action", "from", "to"] as const;

/** URL params → filters; invalid ones are dropped and reported so the page can say which. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): {
  filters: AuditFilters;
  errors: Record<string, string>;
} {
  const raw: Record<string, string | undefined> = {};
  for (const k of AUDIT_FILTER_KEYS) {
    const v = params[k];
    raw[k] = Array.isArray(v) ? v[0] : v;
  }
  const parsed = auditFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  for (const k of Object.keys(errors)) delete raw[k];
  const retry = auditFiltersSchema.safeParse(raw);
  return { filters: retry.success ? retry.data : {}, errors };
}

/**
 * Keyset cursor: the last row's id. The log is append-only and ids grow with insertion, so "id below the cursor"
 * pages exactly (a timestamp cursor would lose the microseconds JavaScript dates drop).
 */
export function encodeAuditCursor(id: number): string {
  return String(id);
}

export function decodeAuditCursor(value: string | string[] | undefined | null): number | null {
  if (typeof value !== "string" || !/^\d{1,18}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
