import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { inviteMemberAction } from "@/lib/actions/settings";
import { runAsSession } from "@/lib/auth/session";
import { renderPage } from "@/tests/helpers/render-text";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/** "Sent messages" (the outbox's successor): admins see who got what and whether it arrived — never the body. */

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
});
afterAll(closeDb);

describe("sent messages", () => {
  it("lists an invitation to the admin by subject, recipient and status, without its link; staff and agents get 403", async () => {
    const email = `sm-${Date.now()}@example.test`;
    const r = await runAsSession(t.adminA.claims, () =>
      inviteMemberAction({ merchantId: t.merchantA, email, name: "Sam", role: "merchant_admin" }),
    );
    expect(r.ok).toBe(true);
    const { default: Page } = await import("@/app/(merchant)/m/[merchantId]/settings/messages/page");
    const props = { params: Promise.resolve({ merchantId: t.merchantA }), searchParams: Promise.resolve({}) };
    const admin = await renderPage(() => runAsSession(t.adminA.claims, () => Page(props)));
    expect(admin.text).toContain(email);
    expect(admin.text).toContain("set your password");
    expect(admin.text).toContain("Invitation (new account)");
    expect(admin.text).not.toContain("/set-password/");
    for (const who of [t.staffA, t.agent]) {
      const page = await renderPage(() => runAsSession(who.claims, () => Page(props)));
      expect(page.thrown).toMatch(/403/);
      expect(page.text).toBe("");
    }
    // Another merchant's admin: not found.
    const outsider = await renderPage(() => runAsSession(t.adminB.claims, () => Page(props)));
    expect(outsider.thrown).toMatch(/404/);
  });
});
