import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, memberships, merchants, outbox, users } from "@/db/schema";
import type { ActionResult } from "@/lib/action-result";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  updateProfileAction,
} from "@/lib/actions/settings";
import { authorize } from "@/lib/auth/guard";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { findUsableToken } from "@/lib/services/users/password-tokens";
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
  it("creates a user without a password, a staff membership, a one-time set-password link in the outbox and an audit row", async () => {
    const email = `new-${Date.now()}@example.test`;
    const data = ok(
      await run(t.adminA.claims, inviteMemberAction, {
        email: ` ${email.toUpperCase()} `,
        name: "Nia New",
        role: "merchant_staff",
      }),
    );
    expect(data.email).toBe(email);
    const [u] = await getDb().select().from(users).where(eq(users.email, email));
    expect(u?.passwordHash).toBeNull();
    expect(u?.name).toBe("Nia New");
    expect(await roleOf(u!.id)).toBe("merchant_staff");

    const [msg] = await getDb()
      .select()
      .from(outbox)
      .where(and(eq(outbox.to, email), eq(outbox.topic, "team.invited")));
    expect(msg?.merchantId).toBe(t.merchantA);
    const token = /\/set-password\/([A-Za-z0-9_-]+)/.exec(msg?.body ?? "")?.[1];
    expect(token).toBeDefined();
    const usable = await findUsableToken(token!);
    expect(usable).toMatchObject({ userId: u!.id, purpose: "set_password" });

    const audit = await lastAudit("member.invited", u!.id);
    expect(audit?.actorUserId).toBe(t.adminA.id);
    expect(audit?.after).toMatchObject({ email, role: "merchant_staff", setPasswordLinkSent: true });
  });

  it("adds an existing user who has a password without a new link, and refuses someone already on the team", async () => {
    const other = await makeUser(`existing-${Date.now()}@example.test`, "merchant_admin", { merchantId: t.merchantB });
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword("a-long-password-1") })
      .where(eq(users.id, other.id));
    ok(await run(t.adminA.claims, inviteMemberAction, { email: other.email, name: "Ignored", role: "merchant_admin" }));
    expect(await roleOf(other.id)).toBe("merchant_admin");
    expect(await roleOf(other.id, t.merchantB)).toBe("merchant_admin");
    const msgs = await getDb().select().from(outbox).where(eq(outbox.to, other.email));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.body).not.toContain("set-password");

    const again = await run(t.adminA.claims, inviteMemberAction, {
      email: other.email,
      name: "X",
      role: "merchant_staff",
    });
    expect(again).toMatchObject({ ok: false, code: "invalid" });
    expect(!again.ok && again.fieldErrors?.email?.[0]).toContain("already on this team");
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
    // The new admin's permissions apply on the next request.
    await expect(authorize(m.claims, { merchantId: t.merchantA }, "team:manage")).resolves.toMatchObject({
      role: "merchant_admin",
    });
    ok(await run(t.adminA.claims, changeMemberRoleAction, { userId: m.id, role: "merchant_staff" }));
    await expect(authorize(m.claims, { merchantId: t.merchantA }, "team:manage")).rejects.toThrow();
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
    expect(await run(t.adminA.claims, updateProfileAction, { name: "" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await run(t.staffA.claims, updateProfileAction, { name: "Staff rename" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});
