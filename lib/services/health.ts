import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { log } from "@/lib/log";
import pkg from "@/package.json";

export type Health =
  { status: "ok"; db: "ok"; version: string } | { status: "error"; db: "down"; reason: string; version: string };

export async function checkHealth(timeoutMs = 2_000): Promise<Health> {
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: "ok", db: "ok", version: pkg.version };
  } catch (err) {
    log().warn({ err }, "health check: database unavailable");
    return { status: "error", db: "down", reason: "database unavailable", version: pkg.version };
  }
}
