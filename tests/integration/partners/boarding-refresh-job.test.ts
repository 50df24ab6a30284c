import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog, boardingApplications, merchants } from "@/db/schema";
import { saveBoardingDraftAction, submitBoardingApplicationAction } from "@/lib/actions/boarding";
import { runAsSession } from "@/lib/auth/session";
import { QUEUES } from "@/lib/queue/boss";
import { BOARDING_REFRESH_CRON, runBoardingRefresh } from "@/lib/jobs/boarding";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";
import { application, control, serveBoardingOrigin } from "../boarding/origin";

/**
 * The background boarding refresh: a partner submits an application and never opens its page again; CoPilot
 * moves it to LIVE; one run of the job's handler provisions the merchant.
 */

let origin: Served;
let t: Tenants;
beforeAll(async () => {
  origin = await serveBoardingOrigin();
  t = await makeTenants();
});
afterAll(async () => {
  await origin.close();
  await closeDb();
});

async function submitted(overrides: Record<string, unknown> = {}) {
  const app = application(overrides);
  const as = <T>(fn: () => Promise<T>) => runAsSession(t.partnerAdmin.claims, fn);
  const draft = await as(() => saveBoardingDraftAction({ partnerId: t.partnerId, ...app }));
  if (!draft.ok) throw new Error(draft.error);
  const r = await as(() =>
    submitBoardingApplicationAction({ partnerId: t.partnerId, applicationId: draft.data.applicationId, ...app }),
  );
  if (!r.ok) throw new Error(r.error);
  const [row] = await getDb()
    .select({ copilotMerchantId: boardingApplications.copilotMerchantId })
    .from(boardingApplications)
    .where(eq(boardingApplications.id, draft.data.applicationId));
  return { applicationId: draft.data.applicationId, copilotMerchantId: row!.copilotMerchantId!, dbaName: app.dbaName };
}

async function appRow(id: string) {
  const [row] = await getDb()
    .select({
      status: boardingApplications.status,
      merchantId: boardingApplications.merchantId,
      lastCheckedAt: boardingApplications.lastCheckedAt,
    })
    .from(boardingApplications)
    .where(eq(boardingApplications.id, id));
  return row!;
}

describe("background refresh of open boarding applications", () => {
  it("is a scheduled pg-boss queue", () => {
    expect(QUEUES.boardingRefresh).toBe("boarding-refresh-open");
    expect(BOARDING_REFRESH_CRON).toBe("*/5 * * * *");
  });

  it("provisions a merchant that went LIVE while nobody had its page open, once", async () => {
    const a = await submitted({ dbaName: "Quiet Bakery" });
    await control(origin.url, `merchants/${a.copilotMerchantId}/advance`, { to: "LIVE" });
    expect((await appRow(a.applicationId)).merchantId).toBeNull();

    const summary = await runBoardingRefresh();
    expect(summary.provisioned).toBeGreaterThanOrEqual(1);
    const row = await appRow(a.applicationId);
    expect(row.status).toBe("live");
    expect(row.merchantId).toBeTruthy();
    const [m] = await getDb()
      .select({ name: merchants.name, partnerId: merchants.partnerId, status: merchants.status, mid: merchants.mid })
      .from(merchants)
      .where(eq(merchants.id, row.merchantId!));
    expect(m).toMatchObject({ name: "Quiet Bakery", partnerId: t.partnerId, status: "live" });
    expect(m!.mid).toBeTruthy();
    const audits = await getDb()
      .select({ action: auditLog.action, actorLabel: auditLog.actorLabel, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.partnerId, t.partnerId), eq(auditLog.action, "boarding.merchant_provisioned")));
    expect(audits.filter((x) => x.actorLabel === "system:boarding" && x.actor === null)).toHaveLength(1);

    // A second run leaves the provisioned application alone.
    await runBoardingRefresh();
    const again = await getDb()
      .select({ id: merchants.id })
      .from(merchants)
      .where(and(eq(merchants.partnerId, t.partnerId), eq(merchants.name, "Quiet Bakery")));
    expect(again).toHaveLength(1);
  });

  it("follows an application through intermediate steps and records each status change as the system", async () => {
    const a = await submitted({ dbaName: "Slow Signer" });
    await control(origin.url, `merchants/${a.copilotMerchantId}/advance`, { to: "APPROVED" });
    await runBoardingRefresh();
    const row = await appRow(a.applicationId);
    expect(row.status).toBe("approved");
    expect(row.merchantId).toBeNull();
    expect(row.lastCheckedAt).toBeInstanceOf(Date);
    const changes = await getDb()
      .select({ actorLabel: auditLog.actorLabel, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, a.applicationId), eq(auditLog.action, "boarding.status_changed")));
    expect(changes.at(-1)).toMatchObject({ actorLabel: "system:boarding", after: { status: "approved" } });
  });
});
