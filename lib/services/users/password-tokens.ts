import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";

export const SET_PASSWORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A one-time token (256 random bits, base64url); only its SHA-256 is stored. Returns the raw token once. */
export async function issuePasswordToken(
  db: DbOrTx,
  p: { userId: string; purpose: "set_password" | "reset_password"; ttlMs?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + (p.ttlMs ?? SET_PASSWORD_TTL_MS));
  await db
    .insert(passwordTokens)
    .values({ userId: p.userId, tokenHash: hashToken(token), purpose: p.purpose, expiresAt });
  return { token, expiresAt };
}

/** The unused, unexpired token's user (for the page: does this link still work?). */
export async function findUsableToken(token: string, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({
      id: passwordTokens.id,
      userId: passwordTokens.userId,
      purpose: passwordTokens.purpose,
      email: users.email,
    })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.tokenHash, hashToken(token)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Marks the token used, atomically: of two concurrent uses only one gets the row back. */
export async function consumeToken(db: DbOrTx, token: string) {
  const [row] = await db
    .update(passwordTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(passwordTokens.tokenHash, hashToken(token)),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: passwordTokens.id, userId: passwordTokens.userId, purpose: passwordTokens.purpose });
  return row ?? null;
}
