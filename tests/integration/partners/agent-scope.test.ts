import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as portfolioCsv } from "@/app/api/partner/[partnerId]/portfolio.csv/route";
import { closeDb, getDb } from "@/db/client";
import { listPortfolio } from "@/db/queries/merchants";
import { agentAssignments, auditLog, dailyRollups } from "@/db/schema";
import { assignAgentAction } from "@/lib/actions/partners";
import { refundTransactionAction } from "@/lib/actions/transactions";
import { authorize } from "@/lib/auth/guard";
import { NotFound } from "@/lib/auth/errors";
import { runAsSession } from "@/lib/auth/session";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

let t: Tenants;
beforeAll(async () => {
  t = await makeTenants();
  const today = new Date().toISOString().slice(0, 10);
  await getDb().insert(dailyRollups).values({
    merchantId: t.merchantA,
    day: today,
    currency: "USD",
    grossVolume: 12_345,
    transactionCount: 4,
    approvedCount: 3,
    declinedCount: 1,
  });
});
afterAll(closeDb);

const since = () => new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);

async function csvAs(claims: Tenants["agent"]["claims"]) {
  const res = await runAsSession(claims, () =>
    portfolioCsv(new Request(`http://portal.test/api/partner/${t.partnerId}/portfolio.csv`), {
      params: Promise.resolve({ partnerId: t.partnerId }),
    }),
  );
  return { status: res.status, body: await res.text() };
}

describe("agents see only the merchants assigned to them", () => {
  it("portfolio list: the agent gets A only, with its 30-day figures; B shows 'no data' (days = 0) to the admin", async () => {
    const agent = await listPortfolio({ partnerId: t.partnerId, agentUserId: t.agent.id, since: since() });
    expect(agent.rows.map((r) => r.id)).toEqual([t.merchantA]);
    expect(agent.rows[0]).toMatchObject({ volume: 12_345, approved: 3, declined: 1 });
    const admin = await listPortfolio({ partnerId: t.partnerId, since: since() });
    expect(admin.rows.map((r) => r.id).sort()).toEqual([t.merchantA, t.merchantB].sort());
    expect(admin.rows.find((r) => r.id === t.merchantB)).toMatchObject({ days: 0, volume: 0 });
  });

  it("page guard: opening merchant B as the agent is 'not found' (the merchant shell calls the same authorize)", async () => {
    await expect(authorize(t.agent.claims, { merchantId: t.merchantB }, "merchant:view")).rejects.toBeInstanceOf(
      NotFound,
    );
    await expect(authorize(t.agent.claims, { merchantId: t.merchantA }, "merchant:view")).resolves.toMatchObject({
      via: "partner",
    });
  });

  it("actions: a merchant action on B is 'not found' for the agent, and agents cannot assign themselves", async () => {
    const refund = await runAsSession(t.agent.claims, () =>
      refundTransactionAction({ merchantId: t.merchantB, transactionId: "x", amount: "1.00" }),
    );
    expect(refund).toMatchObject({ ok: false, code: "not_found" });
    const self = await runAsSession(t.agent.claims, () =>
      assignAgentAction({ partnerId: t.partnerId, merchantId: t.merchantB, agentUserId: t.agent.id, assigned: true }),
    );
    expect(self).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("export: the agent's CSV lists A only; the admin's lists both, 'no data' left blank rather than zero", async () => {
    const agent = await csvAs(t.agent.claims);
    expect(agent.status).toBe(200);
    expect(agent.body).toContain(t.merchantA);
    expect(agent.body).not.toContain(t.merchantB);
    const admin = await csvAs(t.partnerAdmin.claims);
    const lineB = admin.body.split("\n").find((l) => l.startsWith(t.merchantB))!;
    expect(lineB).toBeTruthy();
    expect(lineB).not.toMatch(/,0,0,0,/);
  });

  it("a partner admin assigns B to the agent (audited), after which the agent sees it; unassigning hides it again", async () => {
    const on = await runAsSession(t.partnerAdmin.claims, () =>
      assignAgentAction({ partnerId: t.partnerId, merchantId: t.merchantB, agentUserId: t.agent.id, assigned: true }),
    );
    expect(on).toEqual({ ok: true, data: { changed: true } });
    expect((await csvAs(t.agent.claims)).body).toContain(t.merchantB);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.merchantId, t.merchantB));
    expect(audits.map((a) => a.action)).toContain("partner.agent_assigned");
    const off = await runAsSession(t.partnerAdmin.claims, () =>
      assignAgentAction({
        partnerId: t.partnerId,
        merchantId: t.merchantB,
        agentUserId: t.agent.id,
        assigned: "false",
      }),
    );
    expect(off).toEqual({ ok: true, data: { changed: true } });
    expect((await csvAs(t.agent.claims)).body).not.toContain(t.merchantB);
    const rows = await getDb().select().from(agentAssignments).where(eq(agentAssignments.merchantId, t.merchantB));
    expect(rows).toHaveLength(0);
  });

  it("an admin cannot assign another partner's merchant or a non-agent", async () => {
    const other = await makeTenants();
    const foreign = await runAsSession(t.partnerAdmin.claims, () =>
      assignAgentAction({
        partnerId: t.partnerId,
        merchantId: other.merchantA,
        agentUserId: t.agent.id,
        assigned: true,
      }),
    );
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
    const notAgent = await runAsSession(t.partnerAdmin.claims, () =>
      assignAgentAction({ partnerId: t.partnerId, merchantId: t.merchantB, agentUserId: t.adminA.id, assigned: true }),
    );
    expect(notAgent).toMatchObject({ ok: false, code: "invalid" });
  });
});
