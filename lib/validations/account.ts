import { z } from "zod";

/** A TOTP code (6 digits) or a recovery code (xxxx-xxxx-xxxx-xxxx); spaces are ignored. */
export const secondFactorCode = z
  .string()
  .trim()
  .min(1, "Enter the code from your authenticator app.")
  .max(40, "That code is too long.");

export const mfaCodeInput = z.object({ code: secondFactorCode });

/** Confirming enrolment takes the app's 6-digit code only. */
export const confirmMfaInput = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code shown in your authenticator app.")),
});

/** Disabling MFA or regenerating recovery codes: a current code, or the password. */
export const stepUpInput = z
  .object({
    code: z.string().trim().max(40).optional().default(""),
    password: z.string().max(1024).optional().default(""),
  })
  .refine((v) => v.code !== "" || v.password !== "", {
    path: ["code"],
    message: "Enter a current code from your authenticator app, or your password.",
  });

export const changePasswordInput = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024),
    password: z.string().min(1, "Choose a new password.").max(200, "Use at most 200 characters."),
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export const forgotPasswordInput = z.object({
  email: z.email("Enter a valid email address").trim().toLowerCase().max(320),
});

export const emptyInput = z.object({});

/** Accepting or declining a membership invitation (the signed-in account's own). */
export const invitationAnswerInput = z.object({ invitationId: z.uuid("Unknown invitation.") });
