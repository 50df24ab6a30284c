import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, transactions } from "@/db/schema";
import { GET as pollRoute } from "@/app/api/m/[merchantId]/terminal-runs/[runId]/route";
import { cancelTerminalRunAction, runTerminalAction, settleTerminalAction } from "@/lib/actions/terminals";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import type { Terminal } from "@/lib/gateway/types";
import type { TerminalRunView } from "@/lib/services/terminals/run";
import { gatewayForMerchant } from "@/lib/connections/gateway";
import { makeWorld } from "../transactions/world";
import { openForFile } from "@/tests/helpers/for-file";

let terminals: Terminal[];
const w = openForFile(makeWorld);
beforeAll(async () => {
  terminals = await (await gatewayForMerchant(w.t.merchantA)).terminals.list();
});

const byTpn = (tpn: string) => {
  const t = terminals.find((x) => x.tpn === tpn);
  if (!t) throw new Error(`no terminal ${tpn}`);
  return t.id;
};

async function poll(claims: SessionClaims, runId: string) {
  const req = new Request(`http://portal.test/api/m/${w.t.merchantA}/terminal-runs/${runId}`);
  return runAsSession(claims, () => pollRoute(req, { params: Promise.resolve({ merchantId: w.t.merchantA, runId }) }));
}

async function until(runId: string, states: string[]): Promise<{ views: string[]; last: TerminalRunView }> {
  const views: string[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await poll(w.t.adminA.claims, runId);
    expect(res.status).toBe(200);
    const view = (await res.json()) as TerminalRunView;
    views.push(view.state);
    if (states.includes(view.state)) return { views, last: view };
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`run ${runId} never reached ${states.join("/")}: ${views.join(",")}`);
}

async function cachedStatus(id: string) {
  const [row] = await getDb()
    .select({ status: transactions.status, kind: transactions.methodKind, lastFour: transactions.lastFour })
    .from(transactions)
    .where(and(eq(transactions.merchantId, w.t.merchantA), eq(transactions.providerId, id)));
  return row;
}

const start = (tpn: string, amount: string, type = "sale", intentId = randomUUID()) =>
  runAsSession(w.t.adminA.claims, () =>
    runTerminalAction({ merchantId: w.t.merchantA, terminalId: byTpn(tpn), type, amount, intentId }),
  );

describe("terminal runs", () => {
  it("a sale on the success TPN waits for the card, then ends approved and is cached and audited", async () => {
    const r = await start("000000000001", "12.34");
    expect(r).toMatchObject({ ok: true, data: { state: "waiting" } });
    if (!r.ok) return;
    expect(await cachedStatus(r.data.runId)).toMatchObject({ status: "pending", kind: "terminal" });
    const { views, last } = await until(r.data.runId, ["approved", "declined", "error"]);
    expect(views[0]).toBe("waiting");
    expect(last.state).toBe("approved");
    expect(last.transaction?.amount).toBe(1234);
    const cached = await cachedStatus(r.data.runId);
    expect(cached?.status).toBe("pending_settlement");
    expect(cached?.lastFour).toMatch(/^\d{4}$/);
    const audit = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, r.data.runId)));
    expect(audit.map((a) => a.action)).toEqual(["terminal.sale"]);
  });

  it("the same form intent starts one run (idempotent)", async () => {
    const intent = randomUUID();
    const [a, b] = await Promise.all([
      start("000000000001", "3.00", "sale", intent),
      start("000000000001", "3.00", "sale", intent),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.data.runId).toBe(b.data.runId);
  });

  it("a sale on the decline TPN ends declined", async () => {
    const r = await start("000000000002", "20.00");
    if (!r.ok) throw new Error(r.error);
    const { last } = await until(r.data.runId, ["approved", "declined", "error"]);
    expect(last.state).toBe("declined");
    expect(await cachedStatus(r.data.runId)).toMatchObject({ status: "declined" });
  });

  it("cancelling a waiting authorization voids what the device approves", async () => {
    const r = await start("000000000001", "9.99", "authorize");
    if (!r.ok) throw new Error(r.error);
    const c = await runAsSession(w.t.adminA.claims, () =>
      cancelTerminalRunAction({ merchantId: w.t.merchantA, runId: r.data.runId }),
    );
    expect(c).toMatchObject({ ok: true, data: { cancelled: true, transaction: { status: "voided" } } });
    const atGateway = await (await gatewayForMerchant(w.t.merchantA)).transactions.get(r.data.runId);
    expect(atGateway.status).toBe("voided");
    const audit = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.merchantId, w.t.merchantA), eq(auditLog.targetId, r.data.runId)));
    expect(audit.map((a) => a.action).sort()).toEqual(["terminal.authorize", "transaction.void"]);
  });

  it("settling a terminal closes its open sales and writes them through", async () => {
    const r = await start("000000000001", "5.00");
    if (!r.ok) throw new Error(r.error);
    await until(r.data.runId, ["approved"]);
    // The sandbox stamps a resolved terminal transaction updated_at = created + 3 s even when it resolves at 2 s;
    // a settle inside that second would carry an older stamp and the cache (rightly) keeps the newer row.
    await new Promise((res) => setTimeout(res, 1200));
    const s = await runAsSession(w.t.adminA.claims, () =>
      settleTerminalAction({ merchantId: w.t.merchantA, terminalId: byTpn("000000000001") }),
    );
    expect(s.ok).toBe(true);
    expect(await cachedStatus(r.data.runId)).toMatchObject({ status: "settled" });
  });

  it("another merchant's user cannot poll a run", async () => {
    const r = await start("000000000001", "1.00");
    if (!r.ok) throw new Error(r.error);
    expect((await poll(w.t.adminB.claims, r.data.runId)).status).toBe(404);
  });
});
