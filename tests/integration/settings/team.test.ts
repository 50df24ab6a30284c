import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, invitations, memberships, merchants, passwordTokens, users } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import { acceptInvitationAction, declineInvitationAction } from "@/lib/actions/invitations";
import { setPasswordAction } from "@/lib/actions/password";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
  updateProfileAction,
} from "@/lib/actions/settings";
import { authorize } from "@/lib/auth/guard";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { findUsableToken } from "@/lib/services/users/password-tokens";
import { captureMail } from "@/tests/helpers/mail";
import { openForBlock } from "@/tests/helpers/for-file";
import { linkIn } from "@/tests/helpers/smtp";
import { makeTenants, makeUser, type Tenants } from "@/tests/helpers/tenants";

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
});
afterAll(async () => {
  await closeDb();
});

const run = <T>(
  claims: SessionClaims,
  action: (input: unknown) => Promise<ActionResult<T>>,
  input: Record<string, unknown>,
) => runAsSession(claims, () => action({ merchantId: t.merchantA, ...input }));

function ok<T>(r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r)}`);
  return r.data;
}

async function lastAudit(action: string, targetId: string) {
  const [row] = await getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, t.merchantA), eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

async function roleOf(userId: string, merchantId = t.merchantA) {
  const [m] = await getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.merchantId, merchantId)));
  return m?.role ?? null;
}

describe("team: invite", () => {
  const mail = openForBlock(captureMail);

  it("a new person: an account without a password, an open invitation, a set-password link mailed to them only", async () => {
    const email = `new-${Date.now()}@example.test`;
    const data = ok(
      await run(t.adminA.claims, inviteMemberAction, {
        email: ` ${email.toUpperCase()} `,
        name: "Nia New",
        role: "merchant_staff",
      }),
    );
    expect(data).toMatchObject({ email, newAccount: true });
    const [u] = await getDb().select().from(users).where(eq(users.email, email));
    expect(u?.passwordHash).toBeNull();
    expect(u?.name).toBe("Nia New");
    // Not a member until the invitee acts: the invitation is open.
    expect(await roleOf(u!.id)).toBeNull();

    const m = await mail.waitFor((x) => x.to.includes(email));
    expect(m.to).toEqual([email]);
    expect(m.subject).toContain("set your password");
    const token = linkIn(m, "/set-password/")!.split("/").pop()!;
    const usable = await findUsableToken(token);
    expect(usable).toMatchObject({ userId: u!.id, purpose: "set_password" });
    const [tok] = await getDb().select().from(passwordTokens).where(eq(passwordTokens.userId, u!.id));
    expect(tok!.expiresAt.getTime() - tok!.createdAt.getTime()).toBeLessThanOrEqual(24 * 3600_000 + 1000);

    const audit = await lastAudit("member.invited", u!.id);
    expect(audit?.actorUserId).toBe(t.adminA.id);
    expect(audit?.after).toMatchObject({ email, role: "merchant_staff", newAccount: true });

    // Setting the password through the link joins the team in the invited role; the link then stops working.
    expect(await setPasswordAction({ token, password: "nia-chose-this-9", confirm: "nia-chose-this-9" })).toMatchObject(
      {
        ok: true,
      },
    );
    expect(await roleOf(u!.id)).toBe("merchant_staff");
    expect(await findUsableToken(token)).toBeNull();
  });

  it("an existing account: a membership invitation it accepts as itself, no password link; refuses someone already on the team", async () => {
    const other = await makeUser(`existing-${Date.now()}@example.test`, "merchant_admin", { merchantId: t.merchantB });
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword("a-long-password-1") })
      .where(eq(users.id, other.id));
    const r = ok(
      await run(t.adminA.claims, inviteMemberAction, { email: other.email, name: "Ignored", role: "merchant_admin" }),
    );
    expect(r.newAccount).toBe(false);
    expect(await roleOf(other.id)).toBeNull();
    const m = await mail.waitFor((x) => x.to.includes(other.email));
    expect(m.text).not.toContain("/set-password/");
    expect(linkIn(m, "/account/invitations")).toBeTruthy();
    expect(await getDb().select().from(passwordTokens).where(eq(passwordTokens.userId, other.id))).toEqual([]);

    // Only the invitee can answer it: another user gets "no longer valid" and changes nothing.
    const [inv] = await getDb().select().from(invitations).where(eq(invitations.userId, other.id));
    const stranger = await runAsSession(t.staffA.claims, () => acceptInvitationAction({ invitationId: inv!.id }));
    expect(stranger).toMatchObject({ ok: false, code: "invalid" });
    const accepted = await runAsSession(other.claims, () => acceptInvitationAction({ invitationId: inv!.id }));
    expect(accepted).toMatchObject({ ok: true, data: { merchantId: t.merchantA } });
    expect(await roleOf(other.id)).toBe("merchant_admin");
    expect(await roleOf(other.id, t.merchantB)).toBe("merchant_admin");
    expect(await lastAudit("member.joined", other.id)).toBeDefined();

    const again = await run(t.adminA.claims, inviteMemberAction, {
      email: other.email,
      name: "X",
      role: "merchant_staff",
    });
    expect(again).toMatchObject({ ok: false, code: "invalid" });
    expect(!again.ok && again.fieldErrors?.email?.[0]).toContain("already on this team");
  });

  it("an invitation never grants a role above the inviter's, now or when it is accepted", async () => {
    // A partner agent acts as staff: it cannot invite at all (team:manage).
    const email = `above-${Date.now()}@example.test`;
    expect(
      await runAsSession(t.agent.claims, () =>
        inviteMemberAction({ merchantId: t.merchantA, email, name: "A", role: "merchant_admin" }),
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    // An admin invites an admin, then loses the admin role before the invitation is accepted: it no longer works.
    const tt = await makeTenants();
    const second = await makeUser(`second-admin-${Date.now()}@example.test`, "merchant_admin", {
      merchantId: tt.merchantA,
    });
    const invitee = await makeUser(`invitee-${Date.now()}@example.test`, "merchant_staff", {
      merchantId: tt.merchantB,
    });
    ok(
      await runAsSession(second.claims, () =>
        inviteMemberAction({ merchantId: tt.merchantA, email: invitee.email, name: "I", role: "merchant_admin" }),
      ),
    );
    ok(
      await runAsSession(tt.adminA.claims, () =>
        changeMemberRoleAction({ merchantId: tt.merchantA, userId: second.id, role: "merchant_staff" }),
      ),
    );
    const [inv] = await getDb().select().from(invitations).where(eq(invitations.userId, invitee.id));
    const r = await runAsSession(invitee.claims, () => acceptInvitationAction({ invitationId: inv!.id }));
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    expect(await roleOf(invitee.id, tt.merchantA)).toBeNull();
  });

  it("withdrawing or resending voids the earlier link; a declined invitation cannot be accepted later", async () => {
    const email = `resend-${Date.now()}@example.test`;
    ok(await run(t.adminA.claims, inviteMemberAction, { email, name: "Re Send", role: "merchant_staff" }));
    const first = await mail.waitFor((x) => x.to.includes(email));
    const [inv] = await getDb()
      .select()
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(eq(users.email, email));
    ok(await run(t.adminA.claims, resendInvitationAction, { invitationId: inv!.invitations.id }));
    const second = await mail.waitFor((x) => x.to.includes(email) && x.messageId !== first.messageId);
    const t1 = linkIn(first, "/set-password/")!.split("/").pop()!;
    const t2 = linkIn(second, "/set-password/")!.split("/").pop()!;
    expect(await findUsableToken(t1)).toBeNull();
    expect(await findUsableToken(t2)).not.toBeNull();
    ok(await run(t.adminA.claims, revokeInvitationAction, { invitationId: inv!.invitations.id }));
    expect(await findUsableToken(t2)).toBeNull();
    expect(
      await setPasswordAction({ token: t2, password: "late-password-99", confirm: "late-password-99" }),
    ).toMatchObject({ ok: false });
    expect(await lastAudit("member.invitation_revoked", inv!.users.id)).toBeDefined();

    const existing = await makeUser(`decliner-${Date.now()}@example.test`, "merchant_staff", {
      merchantId: t.merchantB,
    });
    ok(await run(t.adminA.claims, inviteMemberAction, { email: existing.email, name: "D", role: "merchant_staff" }));
    const [inv2] = await getDb().select().from(invitations).where(eq(invitations.userId, existing.id));
    expect(
      await runAsSession(existing.claims, () => declineInvitationAction({ invitationId: inv2!.id })),
    ).toMatchObject({ ok: true });
    expect(await runAsSession(existing.claims, () => acceptInvitationAction({ invitationId: inv2!.id }))).toMatchObject(
      { ok: false, code: "invalid" },
    );
    expect(await roleOf(existing.id)).toBeNull();
  });

  it("shows field errors for a bad email, a missing name and an unknown role", async () => {
    const r = await run(t.adminA.claims, inviteMemberAction, {
      email: "not-an-email",
      name: "",
      role: "partner_admin",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["email", "name", "role"]);
  });

  it("is refused to staff (forbidden) and to another merchant's admin (not found)", async () => {
    const email = `nope-${Date.now()}@example.test`;
    expect(await run(t.staffA.claims, inviteMemberAction, { email, name: "N", role: "merchant_staff" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await run(t.adminB.claims, inviteMemberAction, { email, name: "N", role: "merchant_staff" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await getDb().select().from(users).where(eq(users.email, email))).toEqual([]);
  });
});

describe("team: roles and removal", () => {
  it("changes a member's role with an audit row of before and after", async () => {
    const m = await makeUser(`promote-${Date.now()}@example.test`, "merchant_staff", { merchantId: t.merchantA });
    ok(await run(t.adminA.claims, changeMemberRoleAction, { userId: m.id, role: "merchant_admin" }));
    expect(await roleOf(m.id)).toBe("merchant_admin");
    const audit = await lastAudit("member.role_changed", m.id);
    expect(audit?.before).toEqual({ role: "merchant_staff" });
    expect(audit?.after).toEqual({ role: "merchant_admin" });
    // A privilege change rotates the member's sessions (security review, finding 12): the old one ends, and after
    // signing in again the new admin's permissions apply.
    await expect(authorize(m.claims, { merchantId: t.merchantA }, "merchant:view")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const signedInAgain = async () => {
      const [u] = await getDb().select({ sv: users.sessionVersion }).from(users).where(eq(users.id, m.id));
      return { userId: m.id, sessionVersion: u!.sv };
    };
    await expect(authorize(await signedInAgain(), { merchantId: t.merchantA }, "team:manage")).resolves.toMatchObject({
      role: "merchant_admin",
    });
    ok(await run(t.adminA.claims, changeMemberRoleAction, { userId: m.id, role: "merchant_staff" }));
    await expect(authorize(await signedInAgain(), { merchantId: t.merchantA }, "team:manage")).rejects.toThrow();
  });

  it("refuses changing your own role, removing yourself, and leaving the merchant without an admin", async () => {
    const tt = await makeTenants();
    const asA = (a: (i: unknown) => Promise<ActionResult<unknown>>, i: Record<string, unknown>) =>
      runAsSession(tt.adminA.claims, () => a({ merchantId: tt.merchantA, ...i }));
    expect(await asA(changeMemberRoleAction, { userId: tt.adminA.id, role: "merchant_staff" })).toMatchObject({
      ok: false,
    });
    expect(await asA(removeMemberAction, { userId: tt.adminA.id })).toMatchObject({ ok: false });
    // A partner admin (acting through the partner, not a member) cannot demote or remove the only admin either.
    const asPartner = (a: (i: unknown) => Promise<ActionResult<unknown>>, i: Record<string, unknown>) =>
      runAsSession(tt.partnerAdmin.claims, () => a({ merchantId: tt.merchantA, ...i }));
    const demote = await asPartner(changeMemberRoleAction, { userId: tt.adminA.id, role: "merchant_staff" });
    expect(demote).toMatchObject({ ok: false, code: "invalid" });
    expect(!demote.ok && demote.error).toContain("at least one admin");
    expect(await asPartner(removeMemberAction, { userId: tt.adminA.id })).toMatchObject({ ok: false, code: "invalid" });
    expect(await roleOf(tt.adminA.id, tt.merchantA)).toBe("merchant_admin");
  });

  it("removes a member: access ends at once, the audit row keeps who they were", async () => {
    const m = await makeUser(`leaver-${Date.now()}@example.test`, "merchant_staff", { merchantId: t.merchantA });
    await expect(authorize(m.claims, { merchantId: t.merchantA }, "merchant:view")).resolves.toBeDefined();
    ok(await run(t.adminA.claims, removeMemberAction, { userId: m.id }));
    expect(await roleOf(m.id)).toBeNull();
    await expect(authorize(m.claims, { merchantId: t.merchantA }, "merchant:view")).rejects.toThrow();
    const audit = await lastAudit("member.removed", m.id);
    expect(audit?.before).toMatchObject({ email: m.email, role: "merchant_staff" });
    // Removing someone who is not a member (or of another merchant) changes nothing.
    expect(await run(t.adminA.claims, removeMemberAction, { userId: t.adminB.id })).toMatchObject({ ok: false });
    expect(await roleOf(t.adminB.id, t.merchantB)).toBe("merchant_admin");
  });

  it("two admins removing each other at the same time leave exactly one admin", async () => {
    const tt = await makeTenants();
    const second = await makeUser(`second-${Date.now()}@example.test`, "merchant_admin", { merchantId: tt.merchantA });
    const [r1, r2] = await Promise.all([
      runAsSession(tt.adminA.claims, () => removeMemberAction({ merchantId: tt.merchantA, userId: second.id })),
      runAsSession(second.claims, () => removeMemberAction({ merchantId: tt.merchantA, userId: tt.adminA.id })),
    ]);
    expect([r1.ok, r2.ok].filter(Boolean)).toHaveLength(1);
    const admins = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.merchantId, tt.merchantA), eq(memberships.role, "merchant_admin")));
    expect(admins).toHaveLength(1);
  });
});

describe("merchant profile", () => {
  it("renames the merchant with an audit row; processing details are not editable", async () => {
    const name = `Acme Renamed ${Date.now()}`;
    ok(await run(t.adminA.claims, updateProfileAction, { name: `  ${name} `, mid: "999", gateway: "cardpointe" }));
    const [m] = await getDb().select().from(merchants).where(eq(merchants.id, t.merchantA));
    expect(m?.name).toBe(name);
    expect(m?.gateway).toBe("fluidpay");
    expect(m?.mid).not.toBe("999");
    const audit = await lastAudit("merchant.profile_updated", t.merchantA);
    expect(audit?.after).toEqual({ name });
    // Email branding: colour, https logo, reply-to; bad values are field errors.
    ok(
      await run(t.adminA.claims, updateProfileAction, {
        name,
        brandColor: "#AA3300",
        logoUrl: "https://cdn.example.com/acme.png",
        supportEmail: "Help@Acme.test",
      }),
    );
    const [b] = await getDb().select().from(merchants).where(eq(merchants.id, t.merchantA));
    expect(b).toMatchObject({
      brandColor: "#aa3300",
      logoUrl: "https://cdn.example.com/acme.png",
      supportEmail: "help@acme.test",
    });
    const bad = await run(t.adminA.claims, updateProfileAction, {
      name,
      brandColor: "red",
      logoUrl: "http://insecure.example.com/a.png",
      supportEmail: "nope",
    });
    expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["brandColor", "logoUrl", "supportEmail"]);
    expect(await run(t.adminA.claims, updateProfileAction, { name: "" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await run(t.staffA.claims, updateProfileAction, { name: "Staff rename" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});
