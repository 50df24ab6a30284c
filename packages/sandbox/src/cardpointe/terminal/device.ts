import { gzipSync } from "node:zlib";
import { db } from "../db";
import { newSecret } from "../ids";
import type { Merchant } from "../merchants";
import { TerminalError } from "./errors";

export interface TerminalRow {
  hsn: string;
  merchid: string;
  behavior: "approve" | "decline" | "timeout";
  device_type: string;
  session_key: string | null;
  session_expires_at: Date | null;
  op_id: string | null;
  op_cancelled: boolean;
  display_text: string;
}

/**
 * The simulated card-present interaction: it takes the merchant's configured delay (real time),
 * can be cancelled from another request (state in the database, so any instance sees it),
 * and on the "timeout" terminal ends in "Terminal request timed out".
 */
export async function interact<T>(m: Merchant, t: TerminalRow, produce: () => Promise<T>): Promise<T> {
  const pool = await db();
  const opId = newSecret(9);
  const claimed = await pool.query(
    `update sandbox_cardpointe.terminals set op_id = $2, op_cancelled = false where hsn = $1 and op_id is null`,
    [t.hsn, opId],
  );
  if (claimed.rowCount !== 1) throw new TerminalError(500, 7, `Terminal ${t.hsn} is already in use`);
  try {
    const deadline = Date.now() + Number(m.terminal_delay_ms);
    for (;;) {
      const r = await pool.query<{ op_id: string | null; op_cancelled: boolean }>(
        `select op_id, op_cancelled from sandbox_cardpointe.terminals where hsn = $1`,
        [t.hsn],
      );
      const row = r.rows[0];
      if (!row || row.op_id !== opId || row.op_cancelled) throw new TerminalError(500, 8, "Command Cancelled");
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise((res) => setTimeout(res, Math.min(100, left)));
    }
    if (t.behavior === "timeout") throw new TerminalError(500, 1, "Terminal request timed out");
    return await produce();
  } finally {
    await pool.query(`update sandbox_cardpointe.terminals set op_id = null where hsn = $1 and op_id = $2`, [
      t.hsn,
      opId,
    ]);
  }
}

/**
 * The card each test terminal reads (see docs/sandbox/cardpointe.md): UAT test cards; in production the approving
 * terminal reads a card that is not a published test number (those decline there).
 */
export function cardFor(t: TerminalRow, environment: "uat" | "prod"): { pan: string; name: string } {
  if (t.behavior === "decline") return { pan: "4387751111111038", name: "DECLINE/TEST CARD" };
  return environment === "prod"
    ? { pan: "4761739001010010", name: "APPROVE/TEST CARD" }
    : { pan: "4788250000121443", name: "APPROVE/TEST CARD" };
}

export function testExpiry(now: Date): string {
  return `12${String((now.getUTCFullYear() + 3) % 100).padStart(2, "0")}`;
}

/** A small gzipped, base64 1-bit BMP standing in for a captured signature. */
export function fakeSignature(): string {
  const width = 8;
  const height = 2;
  const rowBytes = 4;
  const pixels = Buffer.alloc(rowBytes * height, 0xa5);
  const header = Buffer.alloc(62);
  header.write("BM", 0);
  header.writeUInt32LE(62 + pixels.length, 2);
  header.writeUInt32LE(62, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(1, 28);
  header.writeUInt32LE(pixels.length, 34);
  header.writeUInt32LE(0xffffff, 58);
  return gzipSync(Buffer.concat([header, pixels])).toString("base64");
}
