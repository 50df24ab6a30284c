import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import type { Action } from "@/lib/actions/safe-action";
import type { GuardedRoute } from "@/lib/auth/route";
import { runAsSession } from "@/lib/auth/session";
import { callAs, guardOf, type Module, tableFingerprint, unguardedExports } from "@/tests/helpers/registry";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * The registry: every exported server action (lib/actions) and every tenant-scoped route handler
 * (app/api/m, app/api/partner) carries the guard and rejects anonymous callers and users of another
 * tenant, storing nothing. Adding an action or route without the guard fails this file.
 */
const actionModules = import.meta.glob<Module>(["/lib/actions/**/*.ts", "!/lib/actions/**/*.test.ts"]);
const routeModules = import.meta.glob<Module>(["/app/api/m/**/route.ts", "/app/api/partner/**/route.ts"]);
// Public actions are reviewed by hand: each must be listed here with why it needs no session.
// payInvoiceAction / previewInvoicePaymentAction / quotePaymentAction: the hosted pay page has no login; the link token is
// the authority.
const PUBLIC_ACTIONS = new Set([
  "signInAction",
  "signOutAction",
  "payInvoiceAction",
  "previewInvoicePaymentAction",
  "quotePaymentAction",
  "setPasswordAction",
  "verifyMfaAction",
  "forgotPasswordAction",
]); // setPasswordAction: new owners and people resetting have no session; the one-time hashed, expiring link token is the authority
// verifyMfaAction: the second sign-in step has no session yet; the HttpOnly challenge cookie (right password, 5 min, 5 codes) is
// the authority. forgotPasswordAction: signed-out people ask for a reset link; it answers the same for every email.
const INFRA_MODULES = new Set(["/lib/actions/safe-action.ts"]);

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
});
afterAll(closeDb);

async function loadActions(): Promise<[string, Action<unknown>][]> {
  const out: [string, Action<unknown>][] = [];
  for (const [path, load] of Object.entries(actionModules)) {
    if (INFRA_MODULES.has(path)) continue;
    const mod = await load();
    const bad = unguardedExports(mod);
    expect(bad, `unguarded exports in ${path}`).toEqual([]);
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") out.push([name, fn as Action<unknown>]);
  }
  return out;
}

async function assertActionRejectsOutsiders(name: string, action: Action<unknown>) {
  const info = guardOf(action);
  expect(info, `${name} has no guard`).toBeDefined();
  if (info?.kind === "public") {
    expect(PUBLIC_ACTIONS.has(name), `${name} is public but not reviewed in PUBLIC_ACTIONS`).toBe(true);
    return;
  }
  const before = await tableFingerprint();
  if (info?.kind === "merchant") {
    const anon = await callAs(null, action, { merchantId: t.merchantA });
    expect(anon, `${name} anonymous`).toMatchObject({ ok: false, code: "unauthenticated" });
    const other = await callAs(t.adminB.claims, action, { merchantId: t.merchantA });
    expect(other, `${name} other merchant`).toMatchObject({ ok: false, code: "not_found" });
    const otherPartner = await callAs(t.otherPartnerAdmin.claims, action, { merchantId: t.merchantA });
    expect(otherPartner, `${name} other partner`).toMatchObject({ ok: false, code: "not_found" });
    const unassignedAgent = await callAs(t.agent.claims, action, { merchantId: t.merchantB });
    expect(unassignedAgent, `${name} unassigned agent`).toMatchObject({ ok: false, code: "not_found" });
  } else if (info?.kind === "user") {
    // Acts on the session's own user only (no id is read from the input): anonymous and revoked sessions are refused.
    const anon = await callAs(null, action, { merchantId: t.merchantA, userId: t.adminA.id });
    expect(anon, `${name} anonymous`).toMatchObject({ ok: false, code: "unauthenticated" });
    const revoked = await callAs({ ...t.adminA.claims, sessionVersion: -1 }, action, { userId: t.adminA.id });
    expect(revoked, `${name} revoked session`).toMatchObject({ ok: false, code: "unauthenticated" });
  } else if (info?.kind === "partner") {
    const anon = await callAs(null, action, { partnerId: t.partnerId });
    expect(anon, `${name} anonymous`).toMatchObject({ ok: false, code: "unauthenticated" });
    for (const claims of [t.otherPartnerAdmin.claims, t.adminA.claims]) {
      const other = await callAs(claims, action, { partnerId: t.partnerId });
      expect(other, `${name} outsider`).toMatchObject({ ok: false, code: "not_found" });
    }
  }
  expect(await tableFingerprint(), `${name} changed stored data`).toBe(before);
}

describe("action registry", () => {
  it("every exported server action is guarded and rejects outsiders", async () => {
    const actions = await loadActions();
    expect(actions.length).toBeGreaterThan(0);
    for (const [name, action] of actions) await assertActionRejectsOutsiders(name, action);
  });

  it("catches a deliberately unguarded action", async () => {
    const mod = (await import("@/tests/fixtures/registry/unguarded-actions")) as Module;
    expect(unguardedExports(mod)).toEqual(["deleteEverythingAction"]);
  });

  it("a guarded fixture action rejects outsiders, stores nothing for them, and works for its member", async () => {
    const { noteAction } = await import("@/tests/fixtures/registry/guarded-actions");
    await assertActionRejectsOutsiders("noteAction", noteAction as Action<unknown>);
    const ok = await callAs(t.adminA.claims, noteAction as Action<unknown>, { merchantId: t.merchantA, note: "hi" });
    expect(ok).toEqual({ ok: true, data: { merchantId: t.merchantA } });
    const invalid = await callAs(t.adminA.claims, noteAction as Action<unknown>, {
      merchantId: t.merchantA,
      note: "x".repeat(50),
    });
    expect(invalid).toMatchObject({ ok: false, code: "invalid", fieldErrors: { note: [expect.any(String)] } });
  });
});

describe("route registry", () => {
  it("every tenant-scoped route handler is guarded and answers 401/404 to outsiders", async () => {
    const entries = Object.entries(routeModules);
    expect(entries.length).toBeGreaterThan(0);
    for (const [path, load] of entries) {
      const mod = await load();
      const handlers = Object.entries(mod).filter(([k]) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k));
      expect(handlers.length, `${path} exports no handler`).toBeGreaterThan(0);
      for (const [method, fn] of handlers) {
        const info = guardOf(fn);
        expect(info, `${method} ${path} is not guarded`).toBeDefined();
        const route = fn as GuardedRoute;
        const params = { merchantId: t.merchantA, partnerId: t.partnerId, id: "x" };
        const call = (claims: Parameters<typeof runAsSession>[0]) =>
          runAsSession(claims, () =>
            route(new Request(`http://localhost/${path}`, { method }), { params: Promise.resolve(params) }),
          );
        expect((await call(null)).status, `${method} ${path} anonymous`).toBe(401);
        const outsider = info?.kind === "partner" ? t.otherPartnerAdmin.claims : t.adminB.claims;
        const res = await call(outsider);
        expect(res.status, `${method} ${path} outsider`).toBe(404);
        expect(await res.text()).not.toContain(t.merchantA);
      }
    }
  });
});
