import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

/**
 * A short list of passwords that pass the length rule but are guessed first (breach corpora's top entries
 * of 12+ characters, and this product's own words). Compared case-insensitively, ignoring spaces.
 */
const COMMON = new Set(
  [
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789abc",
    "qwertyuiop12",
    "qwertyuiop123",
    "qwertyuiopasdf",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "qazwsxedcrfv",
    "aaaaaaaaaaaa",
    "abcdefghijkl",
    "abcd1234abcd",
    "abc123abc123",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "welcome123456",
    "changeme1234",
    "administrator",
    "admin1234567",
    "trustno11234",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "princess1234",
    "superman1234",
    "monkey123456",
    "dragon123456",
    "correcthorsebatterystaple",
    "merchantportal",
    "merchant1234",
    "payments1234",
    "demo-pass-2026",
    "demopass2026",
  ].map((p) => p.replace(/\s+/g, "")),
);

/** The first rule a new password breaks, or null: long enough, not the email (or its name), not common. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 200) return "Use at most 200 characters.";
  const p = password.toLowerCase().replace(/\s+/g, "");
  const e = email.toLowerCase();
  const local = e.split("@")[0] ?? "";
  if (p === e || p.includes(e) || (local.length >= 4 && p === local)) return "Don't use your email address.";
  if (COMMON.has(p) || /^(.)\1+$/.test(p)) return "This password is too common. Choose something harder to guess.";
  return null;
}
