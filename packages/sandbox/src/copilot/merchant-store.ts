import type pg from "pg";
import { progress, type BoardingState, type BoardingStatus } from "./boarding";
import { copilotDateTime } from "./clock";
import { ApiError, isObject } from "./http";
import { MERCHANT_SHAPE } from "./merchant-shape";
import { maskSensitive } from "./sensitive";
import { userNow, type CoPilotUser } from "./users";

export interface MerchantRow {
  merchant_id: string;
  user_id: string;
  template_id: string;
  merchant: Record<string, unknown>;
  owner_site_user: Record<string, unknown> | null;
  boarding_status: BoardingStatus;
  gateway_status: string;
  created_at: Date;
  status_changed_at: Date;
  approved_at: Date | null;
  boarded_at: Date | null;
  live_at: Date | null;
  declined_at: Date | null;
  cancelled_at: Date | null;
  signature_status: "NOT_SENT" | "PENDING" | "SIGNED";
  signature_token: string | null;
  signed_at: Date | null;
  signer: Record<string, unknown> | null;
  front_end_mid: string | null;
}

export function toState(r: MerchantRow): BoardingState {
  return {
    merchantId: String(r.merchant_id),
    status: r.boarding_status,
    statusChangedAt: r.status_changed_at,
    approvedAt: r.approved_at,
    declinedAt: r.declined_at,
    boardedAt: r.boarded_at,
    liveAt: r.live_at,
    frontEndMid: r.front_end_mid,
    willDecline: false,
  };
}

/** Writes a new boarding state; gateway boarding follows the MID (BOARDED once one is assigned). */
export async function saveState(c: pg.PoolClient, s: BoardingState): Promise<void> {
  await c.query(
    `update sandbox_copilot.merchants set boarding_status = $2, status_changed_at = $3, approved_at = $4,
       declined_at = $5, boarded_at = $6, live_at = $7, front_end_mid = $8,
       gateway_status = case when $8::text is null then 'NOT_BOARDED' else 'BOARDED' end
     where merchant_id = $1`,
    [s.merchantId, s.status, s.statusChangedAt, s.approvedAt, s.declinedAt, s.boardedAt, s.liveAt, s.frontEndMid],
  );
}

export function parseMerchantId(raw: string | undefined): string {
  if (!raw || !/^\d{1,18}$/.test(raw)) throw ApiError.of(404, "1004", "Merchant not found.", "merchantId");
  return raw;
}

/**
 * Loads (and locks) one of the user's merchants, first applying whatever the simulated clock says
 * has happened since. Another user's merchant is "not found", like a missing one.
 */
export async function loadMerchant(c: pg.PoolClient, user: CoPilotUser, merchantId: string): Promise<MerchantRow> {
  const r = await c.query<MerchantRow & { will_decline: boolean }>(
    `select m.*, (m.merchant->>'legalBusinessName' ~* 'decline' or m.merchant->>'dbaName' ~* 'decline') as will_decline
       from sandbox_copilot.merchants m where merchant_id = $1 and user_id = $2 for update`,
    [merchantId, user.id],
  );
  const row = r.rows[0];
  if (!row) throw ApiError.of(404, "1004", "Merchant not found.", "merchantId");
  const before = { ...toState(row), willDecline: !!row.will_decline };
  const after = progress(before, userNow(user));
  if (after !== before) {
    await saveState(c, after);
    return {
      ...row,
      boarding_status: after.status,
      status_changed_at: after.statusChangedAt,
      approved_at: after.approvedAt,
      declined_at: after.declinedAt,
      boarded_at: after.boardedAt,
      live_at: after.liveAt,
      front_end_mid: after.frontEndMid,
      gateway_status: after.frontEndMid ? "BOARDED" : "NOT_BOARDED",
    };
  }
  return row;
}

/** Renders stored data over the full shape: omitted children read back as null. */
export function fillShape(shape: unknown, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (!isObject(shape) || !isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(shape)) out[k] = fillShape(shape[k], value[k]);
  for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
  return out;
}

export function merchantStatus(r: MerchantRow) {
  return {
    approvedDatetime: copilotDateTime(r.approved_at),
    boardedDatetime: copilotDateTime(r.boarded_at),
    cancelledDatetime: copilotDateTime(r.cancelled_at),
    declinedDatetime: copilotDateTime(r.declined_at),
    liveDatetime: copilotDateTime(r.live_at),
    // Pending while an automated step (underwriting, gateway boarding, activation) is under way.
    boardingProcessPendingFlg: ["SIGNED", "APPROVED", "BOARDED"].includes(r.boarding_status),
    boardingProcessStatusCd: r.boarding_status,
    gatewayBoardingStatusCd: r.gateway_status,
  };
}

export function signatureStatus(r: MerchantRow, origin: string) {
  return {
    signatureStatusCd: r.signature_status,
    signatureUrl: r.signature_token ? signUrl(origin, r.signature_token) : null,
    signedDateTime: copilotDateTime(r.signed_at),
    signedSiteUserId: r.signed_at ? Number(r.merchant_id) % 1_000_000 : null,
    signer: r.signer,
  };
}

export function signUrl(origin: string, token: string): string {
  return `${origin}/sandbox/copilot/sign/${token}`;
}

export function renderMerchant(r: MerchantRow, origin: string): Record<string, unknown> {
  const masked = maskSensitive(r.merchant);
  const filled = fillShape(MERCHANT_SHAPE, masked) as Record<string, unknown>;
  const processing = (filled.processing ?? {}) as Record<string, unknown>;
  const platform = (processing.platformDetails ?? {}) as Record<string, unknown>;
  // The processing MID exists only once gateway boarding is BOARDED.
  filled.processing = {
    ...processing,
    platformDetails: { ...platform, frontEndMid: r.front_end_mid, backEndMid: r.front_end_mid },
  };
  const sig = signatureStatus(r, origin);
  return {
    ...filled,
    merchantStatus: merchantStatus(r),
    signatureStatus: {
      signedSiteUserId: sig.signedSiteUserId,
      signedDateTime: sig.signedDateTime,
      signer: sig.signer,
      signatureUrl: sig.signatureUrl,
      signatureStatusCd: sig.signatureStatusCd,
    },
  };
}
