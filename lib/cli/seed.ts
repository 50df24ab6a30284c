import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentAssignments, memberships, merchants, partners, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { writeAudit } from "@/lib/services/audit/write";

export const DEMO_PASSWORD = "demo-pass-2026";

export const DEMO_LOGINS: { email: string; role: Role; of: string }[] = [
  { email: "partner@demo.test", role: "partner_admin", of: "Demo Partners" },
  { email: "agent@demo.test", role: "partner_agent", of: "Demo Partners (Acme Coffee, Blue Fern Studio)" },
  { email: "owner@acme.test", role: "merchant_admin", of: "Acme Coffee" },
  { email: "staff@acme.test", role: "merchant_staff", of: "Acme Coffee" },
  { email: "owner@bluefern.test", role: "merchant_admin", of: "Blue Fern Studio" },
  { email: "owner@corner.test", role: "merchant_admin", of: "Corner Hardware" },
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  return (r.rows[0]?.n ?? 0) === 0;
}

export interface SeedHooks {
  /** Gives a merchant its sandbox gateway account and sealed credentials (sandbox mode only). */
  provisionSandbox?: (merchant: { id: string; name: string; gateway: "fluidpay" | "cardpointe" }) => Promise<{
    mid: string | null;
    site: string | null;
    credentialsEnc: string;
  } | null>;
}

/** Demo data for sandbox mode. Never called when sandbox mode is off (the caller checks). */
export async function seedDemo(
  db: Db,
  hooks: SeedHooks = {},
): Promise<{
  merchants: Record<string, string>;
  list: { id: string; name: string; gateway: "fluidpay" | "cardpointe" }[];
}> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [partner] = await tx.insert(partners).values({ name: "Demo Partners" }).returning();
    if (!partner) throw new Error("seed: partner not created");
    const defs = [
      { key: "acme", name: "Acme Coffee", gateway: "fluidpay" as const },
      { key: "bluefern", name: "Blue Fern Studio", gateway: "fluidpay" as const },
      { key: "corner", name: "Corner Hardware", gateway: "cardpointe" as const },
    ];
    const ids: Record<string, string> = {};
    for (const d of defs) {
      const [m] = await tx
        .insert(merchants)
        .values({ partnerId: partner.id, name: d.name, gateway: d.gateway, environment: "sandbox" })
        .returning({ id: merchants.id });
      if (!m) throw new Error("seed: merchant not created");
      ids[d.key] = m.id;
      const creds = await hooks.provisionSandbox?.({ id: m.id, name: d.name, gateway: d.gateway });
      if (creds) {
        await tx
          .update(merchants)
          .set({ mid: creds.mid, site: creds.site, credentialsEnc: creds.credentialsEnc })
          .where(sql`${merchants.id} = ${m.id}`);
      }
    }
    const people = [
      { email: "partner@demo.test", name: "Pat Partner", role: "partner_admin" as const, partnerId: partner.id },
      { email: "agent@demo.test", name: "Alex Agent", role: "partner_agent" as const, partnerId: partner.id },
      { email: "owner@acme.test", name: "Ada Acme", role: "merchant_admin" as const, merchantId: ids.acme },
      { email: "staff@acme.test", name: "Sam Staff", role: "merchant_staff" as const, merchantId: ids.acme },
      { email: "owner@bluefern.test", name: "Bea Fern", role: "merchant_admin" as const, merchantId: ids.bluefern },
      { email: "owner@corner.test", name: "Cory Corner", role: "merchant_admin" as const, merchantId: ids.corner },
    ];
    const userIds: Record<string, string> = {};
    for (const p of people) {
      const [u] = await tx
        .insert(users)
        .values({ email: p.email, name: p.name, passwordHash: hash })
        .returning({ id: users.id });
      if (!u) throw new Error("seed: user not created");
      userIds[p.email] = u.id;
      await tx.insert(memberships).values({
        userId: u.id,
        role: p.role,
        partnerId: "partnerId" in p ? p.partnerId : null,
        merchantId: "merchantId" in p ? p.merchantId : null,
      });
    }
    const agentId = userIds["agent@demo.test"];
    if (agentId && ids.acme && ids.bluefern) {
      await tx.insert(agentAssignments).values([
        { userId: agentId, merchantId: ids.acme },
        { userId: agentId, merchantId: ids.bluefern },
      ]);
    }
    await writeAudit(tx, {
      actorLabel: "system:seed",
      partnerId: partner.id,
      action: "seed.demo",
      after: { merchants: Object.keys(ids), users: people.map((p) => ({ email: p.email, role: p.role })) },
    });
    return { merchants: ids, list: defs.map((d) => ({ id: ids[d.key] as string, name: d.name, gateway: d.gateway })) };
  });
}
