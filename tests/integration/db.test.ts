import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { auditLog } from "@/db/schema";

afterAll(closeDb);

describe("database", () => {
  it("is a real PostgreSQL with the migrations applied", async () => {
    const db = getDb();
    const r = await db.execute<{ v: string }>(sql`select current_setting('server_version_num') as v`);
    expect(Number(r.rows[0]?.v)).toBeGreaterThanOrEqual(150000);
  });

  it("refuses UPDATE and DELETE on the audit log", async () => {
    const db = getDb();
    const [row] = await db.insert(auditLog).values({ action: "test.append", actorLabel: "test" }).returning();
    expect(row?.id).toBeGreaterThan(0);
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(db.execute(sql`update audit_log set action = 'x' where id = ${row?.id}`)).rejects.toMatchObject(
      refused,
    );
    await expect(db.execute(sql`delete from audit_log where id = ${row?.id}`)).rejects.toMatchObject(refused);
  });
});
