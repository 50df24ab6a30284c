import { eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/m/[merchantId]/audit.csv/route";
import { closeDb, getDb } from "@/db/client";
import { iterateAudit, listAuditFacets, listAuditPage } from "@/db/queries/audit";
import { auditLog } from "@/db/schema";
import { runAsSession, type SessionClaims } from "@/lib/auth/session";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/**
 * The audit log viewer's reads and CSV export (issue #10 item 9). That the log is append-only at the database level
 * (UPDATE and DELETE refused by a trigger) is proven by tests/integration/db.test.ts "refuses UPDATE and DELETE on the
 * audit log".
 */

let t: Tenants;
const ids: Record<string, number> = {};
beforeAll(async () => {
  t = await makeTenants();
  const db = getDb();
  const rows = [
    {
      key: "old-refund",
      at: "2026-01-05T10:00:00Z",
      actorUserId: t.adminA.id,
      action: "transaction.refund",
      after: { amount: 500 },
    },
    {
      key: "void",
      at: "2026-02-10T12:00:00Z",
      actorUserId: t.staffA.id,
      action: "transaction.void",
      after: { orderId: "=HYPERLINK(1)" },
    },
    {
      key: "invite",
      at: "2026-02-11T23:59:59Z",
      actorUserId: t.adminA.id,
      action: "member.invited",
      after: { role: "merchant_staff" },
    },
    { key: "webhook", at: "2026-02-12T00:00:00Z", actorLabel: "webhook:fluidpay", action: "transaction.capture" },
    { key: "b-row", at: "2026-02-11T12:00:00Z", actorUserId: t.adminB.id, action: "transaction.refund", merchant: "B" },
  ];
  for (const r of rows) {
    const [row] = await db
      .insert(auditLog)
      .values({
        at: new Date(r.at),
        actorUserId: r.actorUserId ?? null,
        actorLabel: r.actorLabel ?? null,
        merchantId: r.merchant === "B" ? t.merchantB : t.merchantA,
        action: r.action,
        targetType: "transaction",
        targetId: `tx-${r.key}`,
        after: r.after ?? null,
      })
      .returning({ id: auditLog.id });
    ids[r.key] = row!.id;
  }
  // Enough rows of one day to need several pages.
  await db.insert(auditLog).values(
    Array.from({ length: 23 }, (_, i) => ({
      at: new Date("2026-03-01T08:00:00Z"),
      actorUserId: t.adminA.id,
      merchantId: t.merchantA,
      action: "invoice.send",
      targetType: "invoice",
      targetId: `inv-${i}`,
    })),
  );
});
afterAll(async () => {
  await closeDb();
});

const keys = (items: { id: number }[]) =>
  items.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? "other");

describe("audit log queries", () => {
  it("lists only this merchant's rows, newest first, with the actor's name and email", async () => {
    const page = await listAuditPage({ merchantId: t.merchantA, filters: { action: "transaction." } });
    expect(keys(page.items)).toEqual(["webhook", "void", "old-refund"]);
    const refund = page.items.find((r) => r.id === ids["old-refund"]);
    expect(refund).toMatchObject({ actorEmail: t.adminA.email, actorName: expect.any(String) });
    const b = await listAuditPage({ merchantId: t.merchantB });
    expect(keys(b.items)).toEqual(["b-row"]);
  });

  it("filters by actor (a person or a system label), exact action, and inclusive UTC days", async () => {
    const db = getDb();
    const m = t.merchantA;
    expect(keys((await listAuditPage({ merchantId: m, filters: { actor: t.staffA.id } }, db)).items)).toEqual(["void"]);
    expect(
      keys((await listAuditPage({ merchantId: m, filters: { actor: "label:webhook:fluidpay" } }, db)).items),
    ).toEqual(["webhook"]);
    expect(keys((await listAuditPage({ merchantId: m, filters: { action: "transaction.refund" } }, db)).items)).toEqual(
      ["old-refund"],
    );
    const feb = await listAuditPage({ merchantId: m, filters: { from: "2026-02-10", to: "2026-02-11" } }, db);
    // 23:59:59 on the 11th is in; midnight of the 12th is out.
    expect(keys(feb.items)).toEqual(["invite", "void"]);
    // Another merchant's actor finds nothing here.
    expect((await listAuditPage({ merchantId: m, filters: { actor: t.adminB.id } }, db)).items).toEqual([]);
  });

  it("pages by keyset without gaps or repeats, even when rows share a timestamp", async () => {
    const db = getDb();
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAuditPage>> = await listAuditPage(
        {
          merchantId: t.merchantA,
          filters: { action: "invoice.send" },
          cursor,
          limit: 10,
        },
        db,
      );
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    let streamed = 0;
    for await (const chunk of iterateAudit({ merchantId: t.merchantA, filters: { action: "invoice.send" } }, 7, db)) {
      streamed += chunk.length;
    }
    expect(streamed).toBe(23);
  });

  it("offers the actors and actions that appear in this merchant's log", async () => {
    const f = await listAuditFacets({ merchantId: t.merchantA });
    expect(f.people.map((p) => p.id).sort()).toEqual([t.adminA.id, t.staffA.id].sort());
    expect(f.labels).toEqual(["webhook:fluidpay"]);
    expect(f.actions.map((a) => a.action)).toContain("invoice.send");
    expect(f.actions.find((a) => a.action === "invoice.send")?.n).toBe(23);
  });
});

describe("audit CSV export", () => {
  const get = (claims: SessionClaims | null, merchantId: string, query = "") =>
    runAsSession(claims, () =>
      GET(new Request(`http://localhost/api/m/${merchantId}/audit.csv${query}`), {
        params: Promise.resolve({ merchantId }),
      }),
    );

  it("streams the filtered log as CSV to admins, with formula cells neutralised", async () => {
    const res = await get(t.adminA.claims, t.merchantA, "?from=2026-02-01&to=2026-02-28");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.target_id)).toEqual(["tx-webhook", "tx-invite", "tx-void"]);
    const v = rows.find((r) => r.target_id === "tx-void")!;
    expect(v.actor_email).toBe(t.staffA.email);
    expect(v.action).toBe("transaction.void");
    expect(v.summary ?? "").toMatch(/^order id: =/);
    expect(v.after ?? "").toMatch(/^\{/);
    expect(rows.find((r) => r.target_id === "tx-webhook")?.actor_label).toBe("webhook:fluidpay");
  });

  it("exports every row of a long log across chunks, each once", async () => {
    const res = await get(t.adminA.claims, t.merchantA);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(27);
    expect(new Set(rows.map((r) => r.id)).size).toBe(27);
  });

  it("refuses staff (403), another merchant's admin (404), anonymous (401) and bad filters (400)", async () => {
    expect((await get(t.staffA.claims, t.merchantA)).status).toBe(403);
    expect((await get(t.adminB.claims, t.merchantA)).status).toBe(404);
    expect((await get(null, t.merchantA)).status).toBe(401);
    const bad = await get(t.adminA.claims, t.merchantA, "?from=2026-13-45");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid", fieldErrors: { from: [expect.any(String)] } });
  });

  it("leaves the log untouched: the export only reads", async () => {
    const before = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.merchantId, t.merchantA));
    await get(t.adminA.claims, t.merchantA);
    const after = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.merchantId, t.merchantA));
    expect(after.length).toBe(before.length);
  });
});
