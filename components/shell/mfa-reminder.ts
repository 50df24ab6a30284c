/** The cookie that keeps the two-factor reminder hidden after "Not now" (read by the server, set by the browser). */
export const MFA_REMINDER_COOKIE = "mfa_reminder_dismissed";
