import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type Action, INPUT_SCHEMA } from "@/lib/actions/safe-action";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { connectSandbox } from "@/tests/helpers/sandbox-merchant";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import { guardOf, listActions } from "@/tests/helpers/registry";
import { makeTenants, makeUser, type Tenants } from "@/tests/helpers/tenants";
import { type Digester, tenantDigester } from "./digest";
import { fcOptions, hostileRecord, preview, RUNS, schemaFields, toFormData } from "./hostile";
import { openForFile } from "@/tests/helpers/for-file";

/**
 * Hostile input against EVERY exported server action (enumerated from lib/actions, so a new action is covered
 * without touching this file), called as an authorised member of the right tenant — the caller the guard lets
 * through, so the input reaches zod and the body. Merchant A has sandbox gateway credentials, so whatever
 * passes validation reaches the emulated gateway over real HTTP.
 *
 * Property: the action returns an ActionResult (never throws); a failure carries an error code other than the
 * generic "failed" (an unexpected exception) and stores nothing for the tenant (digest of every tenant-scoped
 * table); a success only for input its own schema accepts. Object.prototype is never polluted.
 *
 * Seed and length: FUZZ_SEED (default in hostile.ts) and FUZZ_RUNS (runs per action, default 30), e.g.
 * `FUZZ_RUNS=300 npx vitest run --project unit tests/integration/fuzz`.
 */

let t: Tenants;
let digester: Digester;

openForFile(servePortalOrigin);
beforeAll(async () => {
  t = await makeTenants("fluidpay");
  await connectSandbox(t.merchantA, "Fuzz Test", "fluidpay");
  const users = [t.adminA, t.staffA, t.adminB, t.partnerAdmin, t.agent, t.otherPartnerAdmin].map((u) => u.id);
  digester = await tenantDigester({
    merchantIds: [t.merchantA, t.merchantB],
    partnerIds: [t.partnerId, t.otherPartnerId],
    userIds: users,
  });
});

const actions = await listActions();

/**
 * Actions whose body needs Next's request scope (cookies/headers of a live request), which an in-process call
 * does not have: their schema accepts any object, so every call reaches the body. They are fuzzed for the
 * guard/zod layer only (result shape, nothing stored); their body runs in the e2e login/logout specs.
 */
const NEEDS_REQUEST_SCOPE = new Set(["signOutAction"]);

/** What pickInput in safe-action makes of a form: first string value per key, arrays for "key[]". */
function formAsObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = fd.getAll(key).filter((v) => typeof v === "string");
    out[key] = key.endsWith("[]") ? values : values[0];
  }
  return out;
}

async function callerFor(
  action: Action<unknown>,
  name: string,
): Promise<{ claims: SessionClaims | null; fixed: Record<string, unknown> }> {
  const info = guardOf(action);
  if (info?.kind === "merchant") return { claims: t.adminA.claims, fixed: { merchantId: t.merchantA } };
  if (info?.kind === "partner") return { claims: t.partnerAdmin.claims, fixed: { partnerId: t.partnerId } };
  if (info?.kind !== "public") {
    // Actions on the caller's own account (GuardInfo kind "user"): a merchant admin of their own, so that one that
    // succeeds (sign out everywhere, a password change) cannot revoke the session every other action is fuzzed with.
    const own = await makeUser(`fuzz-${name}-${Date.now()}@t.test`, "merchant_admin", { merchantId: t.merchantA });
    return { claims: own.claims, fixed: {} };
  }
  return { claims: null, fixed: {} };
}

/** Answers that mean the input never got past the guard. */
const GUARD_REFUSALS = new Set(["unauthenticated", "forbidden"]);

describe("hostile input: every server action", () => {
  it("enumerates the actions", () => {
    expect(actions.length).toBeGreaterThan(30);
  });

  for (const { file, name, action } of actions) {
    it(
      `${name} (${file}) answers hostile input with field errors and stores nothing`,
      { timeout: 120_000 },
      async () => {
        const schema = (action as unknown as Record<symbol, z.ZodType>)[INPUT_SCHEMA];
        expect(schema, `${name} carries its input schema`).toBeDefined();
        const fields = schemaFields(schema as z.ZodType);
        const { claims, fixed } = await callerFor(action, name);
        let successes = 0;
        let refusedByGuard = 0;
        await fc.assert(
          fc.asyncProperty(hostileRecord(fields, fixed), fc.boolean(), async (rec, asForm) => {
            const input = asForm ? toFormData(rec) : rec;
            const before = await digester.digest();
            let result: unknown;
            try {
              result = await runAsSession(claims, () => action(null, input));
            } catch (err) {
              throw new Error(`${name} threw: ${(err as Error)?.stack ?? String(err)}`);
            }
            expect(({} as Record<string, unknown>).polluted, "Object.prototype polluted").toBeUndefined();
            expect(result).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
            const r = result as { ok: boolean; code?: string; error?: string };
            if (!r.ok && r.code && GUARD_REFUSALS.has(r.code)) refusedByGuard++;
            if (!r.ok) {
              expect(r.code, `${name}: ${r.error}`).toEqual(expect.any(String));
              if (!NEEDS_REQUEST_SCOPE.has(name))
                expect(r.code, `${name} crashed: ${r.error} on ${preview(rec)}`).not.toBe("failed");
              expect(await digester.digest(), `${name} stored something for a rejected input`).toEqual(before);
            } else {
              // Only where the input happens to be valid for the action's own schema.
              const raw = asForm ? formAsObject(input as FormData) : rec;
              expect((schema as z.ZodType).safeParse(raw).success, `${name} accepted invalid input`).toBe(true);
              successes++;
            }
          }),
          fcOptions(),
        );
        expect(successes).toBeLessThanOrEqual(RUNS);
        // The caller is authorised: most inputs must reach validation and the body, not stop at the guard (a revoked
        // session would silently turn the rest of the suite into guard tests).
        if (claims) expect(refusedByGuard, `${name}: refused by the guard`).toBeLessThan(RUNS);
      },
    );
  }
});

describe("unstorable text", () => {
  it("lone surrogates and NUL reach storage as U+FFFD, never as a database error (regression: boarding draft jsonb)", async () => {
    const { saveBoardingDraftAction } = await import("@/lib/actions/boarding");
    for (const input of [
      { partnerId: t.partnerId, pricingPlan: "\uD800", dbaName: "Cafe\u0000" },
      { partnerId: t.partnerId, dbaName: "x\uDFFF\uD800y" },
    ]) {
      const r = await runAsSession(t.partnerAdmin.claims, () => saveBoardingDraftAction(input));
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    }
    const fd = new FormData();
    fd.set("partnerId", t.partnerId);
    fd.set("dbaName", "nul\u0000byte");
    const r = await runAsSession(t.partnerAdmin.claims, () => saveBoardingDraftAction(null, fd));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  });
});
