import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { agentAssignments, memberships, merchants, partners, users } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import type { SessionClaims } from "@/lib/auth/session";

export interface TestUser {
  id: string;
  email: string;
  claims: SessionClaims;
}

export interface Tenants {
  partnerId: string;
  otherPartnerId: string;
  merchantA: string;
  merchantB: string;
  adminA: TestUser;
  staffA: TestUser;
  adminB: TestUser;
  partnerAdmin: TestUser;
  agent: TestUser;
  otherPartnerAdmin: TestUser;
}

/** One user with one membership (merchant or partner scope). */
export async function makeUser(
  email: string,
  role: Role,
  scope: { merchantId?: string; partnerId?: string },
): Promise<TestUser> {
  const db = getDb();
  const [u] = await db
    .insert(users)
    .values({ email, name: email.split("@")[0] ?? email })
    .returning();
  if (!u) throw new Error("user not created");
  await db.insert(memberships).values({
    userId: u.id,
    role,
    merchantId: scope.merchantId ?? null,
    partnerId: scope.partnerId ?? null,
  });
  return { id: u.id, email, claims: { userId: u.id, sessionVersion: u.sessionVersion } };
}

/**
 * Two merchants of one partner (A and B), an agent assigned only to A, and a second partner,
 * each with their users. Unique per call so test files can share one database.
 */
export async function makeTenants(gateway: "fluidpay" | "cardpointe" = "fluidpay"): Promise<Tenants> {
  const db = getDb();
  const tag = randomUUID().slice(0, 8);
  const [p] = await db
    .insert(partners)
    .values({ name: `Partner ${tag}` })
    .returning();
  const [p2] = await db
    .insert(partners)
    .values({ name: `Other partner ${tag}` })
    .returning();
  if (!p || !p2) throw new Error("partner not created");
  const [a] = await db
    .insert(merchants)
    .values({ partnerId: p.id, name: `Merchant A ${tag}`, gateway })
    .returning();
  const [b] = await db
    .insert(merchants)
    .values({ partnerId: p.id, name: `Merchant B ${tag}`, gateway })
    .returning();
  if (!a || !b) throw new Error("merchant not created");
  const agent = await makeUser(`agent-${tag}@t.test`, "partner_agent", { partnerId: p.id });
  await db.insert(agentAssignments).values({ userId: agent.id, merchantId: a.id });
  return {
    partnerId: p.id,
    otherPartnerId: p2.id,
    merchantA: a.id,
    merchantB: b.id,
    adminA: await makeUser(`admin-a-${tag}@t.test`, "merchant_admin", { merchantId: a.id }),
    staffA: await makeUser(`staff-a-${tag}@t.test`, "merchant_staff", { merchantId: a.id }),
    adminB: await makeUser(`admin-b-${tag}@t.test`, "merchant_admin", { merchantId: b.id }),
    partnerAdmin: await makeUser(`partner-${tag}@t.test`, "partner_admin", { partnerId: p.id }),
    agent,
    otherPartnerAdmin: await makeUser(`partner2-${tag}@t.test`, "partner_admin", { partnerId: p2.id }),
  };
}
