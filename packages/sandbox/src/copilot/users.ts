import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { deriveKey } from "../secrets";
import { simNow } from "./clock";
import { faultsOf, type Faults } from "./faults";
import { db, tx } from "./schema";
import { defaultTemplate } from "./template";

export interface CoPilotUser {
  id: string;
  username: string;
  accessLifetime: number;
  refreshLifetime: number;
  clockOffset: number;
  faults: Faults;
}

/** Secrets are kept as keyed hashes: the sandbox can check them but never show them again. */
export function secretHash(value: string): string {
  return createHmac("sha256", deriveKey("sandbox-copilot-secrets")).update(value).digest("base64url");
}

export function sameSecret(value: string, hash: string): boolean {
  const a = Buffer.from(secretHash(value));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  client_secret_hash: string;
  access_lifetime_s: number;
  refresh_lifetime_s: number;
  clock_offset_s: string | number;
  fault_error_rate: number;
  fault_latency_ms: number;
  fault_fail_next: number;
  fault_status: number;
}

function toUser(r: UserRow): CoPilotUser {
  return {
    id: String(r.id),
    username: r.username,
    accessLifetime: r.access_lifetime_s,
    refreshLifetime: r.refresh_lifetime_s,
    clockOffset: Number(r.clock_offset_s),
    faults: faultsOf(r),
  };
}

export function userNow(u: CoPilotUser): Date {
  return simNow(u.clockOffset);
}

export async function createUser(): Promise<{
  username: string;
  password: string;
  client_secret: string;
  client_id: string;
  template_id: number;
}> {
  const username = `copilot_${randomBytes(5).toString("hex")}`;
  const password = randomBytes(12).toString("base64url");
  const clientSecret = randomBytes(24).toString("hex");
  return tx(async (c) => {
    const u = await c.query<{ id: string }>(
      `insert into sandbox_copilot.users (username, password_hash, client_secret_hash) values ($1, $2, $3) returning id`,
      [username, secretHash(password), secretHash(clientSecret)],
    );
    const userId = u.rows[0]!.id;
    const t = await c.query<{ id: string }>(
      `insert into sandbox_copilot.templates (user_id, name, merchant) values ($1, $2, $3) returning id`,
      [userId, "Sandbox retail template", JSON.stringify(defaultTemplate())],
    );
    return {
      username,
      password,
      client_secret: clientSecret,
      client_id: "merchapi",
      template_id: Number(t.rows[0]!.id),
    };
  });
}

export async function findUserByCredentials(username: string, password: string): Promise<CoPilotUser | undefined> {
  const pool = await db();
  const r = await pool.query<UserRow>(`select * from sandbox_copilot.users where username = $1`, [username]);
  const row = r.rows[0];
  if (!row || !sameSecret(password, row.password_hash)) return undefined;
  return toUser(row);
}

export async function checkClientSecret(userId: string, secret: string): Promise<boolean> {
  const pool = await db();
  const r = await pool.query<UserRow>(`select client_secret_hash from sandbox_copilot.users where id = $1`, [userId]);
  const row = r.rows[0];
  return !!row && sameSecret(secret, row.client_secret_hash);
}

export async function findUser(id: string): Promise<CoPilotUser | undefined> {
  const pool = await db();
  const r = await pool.query<UserRow>(`select * from sandbox_copilot.users where id = $1`, [id]);
  return r.rows[0] ? toUser(r.rows[0]) : undefined;
}

export async function findUserByName(username: string): Promise<CoPilotUser | undefined> {
  const pool = await db();
  const r = await pool.query<UserRow>(`select * from sandbox_copilot.users where username = $1`, [username]);
  return r.rows[0] ? toUser(r.rows[0]) : undefined;
}

export async function setTokenLifetime(userId: string, seconds: number, refreshSeconds?: number): Promise<void> {
  const pool = await db();
  await pool.query(`update sandbox_copilot.users set access_lifetime_s = $2, refresh_lifetime_s = $3 where id = $1`, [
    userId,
    seconds,
    refreshSeconds ?? Math.max(600, seconds * 2),
  ]);
}

export async function advanceClock(userId: string, seconds: number): Promise<Date> {
  const pool = await db();
  const r = await pool.query<{ clock_offset_s: string }>(
    `update sandbox_copilot.users set clock_offset_s = clock_offset_s + $2 where id = $1 returning clock_offset_s`,
    [userId, Math.trunc(seconds)],
  );
  return simNow(r.rows[0]?.clock_offset_s ?? 0);
}
