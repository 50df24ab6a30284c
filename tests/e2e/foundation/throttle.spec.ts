import { hashPassword } from "@/lib/auth/password";
import { expect, test } from "../fixtures";
import { query, scriptedSignIn } from "../helpers";

/** Signs in the way a scripted client does: CSRF token, then the credentials callback. */
async function attempt(email: string, password: string): Promise<{ ok: boolean; location: string }> {
  const res = await scriptedSignIn({ email, password, callbackUrl: "/" }, { "x-forwarded-for": "203.0.113.7" });
  const location = res.headers.get("location") ?? "";
  const ok = res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token=") && !c.includes("Max-Age=0"));
  return { ok, location };
}

test.describe("login throttling", () => {
  test("locks an account after ten wrong passwords; then even the right one is refused", async () => {
    const email = `throttle-${Date.now()}@example.test`;
    const password = "correct-horse-battery";
    await query("insert into users (email, name, password_hash) values ($1, 'Throttle Test', $2)", [
      email,
      await hashPassword(password),
    ]);
    const first = await attempt(email, password);
    expect(first.ok).toBe(true);

    for (let i = 0; i < 10; i++) {
      const r = await attempt(email, `wrong-${i}`);
      expect(r.ok).toBe(false);
      expect(r.location).toContain("code=credentials");
    }
    const locked = await attempt(email, password);
    expect(locked.ok).toBe(false);
    expect(locked.location).toContain("code=throttled");
    // Another account from the same address is not locked by this one.
    const other = await attempt("owner@bluefern.test", "demo-pass-2026");
    expect(other.ok).toBe(true);
  });
});
