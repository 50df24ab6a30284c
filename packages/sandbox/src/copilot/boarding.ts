/**
 * The boarding state machine. created (INPROG) → OFS (signature sent) → SIGNED → APPROVED or
 * DECLINED → BOARDED (front-end MID, gateway BOARDED) → LIVE. After signing, each automated step
 * takes one simulated day; control calls can jump forward along the same path.
 */

export type BoardingStatus = "INPROG" | "OFS" | "SIGNED" | "APPROVED" | "DECLINED" | "BOARDED" | "LIVE" | "CANCELLED";

export const STEP_SECONDS = 24 * 60 * 60;

export interface BoardingState {
  merchantId: string;
  status: BoardingStatus;
  statusChangedAt: Date;
  approvedAt: Date | null;
  declinedAt: Date | null;
  boardedAt: Date | null;
  liveAt: Date | null;
  frontEndMid: string | null;
  /** Underwriting outcome decided at signing (the sandbox's decline trigger). */
  willDecline: boolean;
}

/** Production MIDs are 12 digits; the sandbox derives one from the CoPilot merchant id so it is unique. */
export function frontEndMidFor(merchantId: string): string {
  return `49${String(BigInt(merchantId) % 10_000_000_000n).padStart(10, "0")}`;
}

/** Applications whose legal or DBA name contains "DECLINE" are declined by underwriting. */
export function declinedByUnderwriting(merchant: Record<string, unknown>): boolean {
  return [merchant.legalBusinessName, merchant.dbaName].some((n) => typeof n === "string" && /decline/i.test(n));
}

function step(s: BoardingState, at: Date): BoardingState | undefined {
  switch (s.status) {
    case "SIGNED":
      return s.willDecline
        ? { ...s, status: "DECLINED", statusChangedAt: at, declinedAt: at }
        : { ...s, status: "APPROVED", statusChangedAt: at, approvedAt: at };
    case "APPROVED":
      return { ...s, status: "BOARDED", statusChangedAt: at, boardedAt: at, frontEndMid: frontEndMidFor(s.merchantId) };
    case "BOARDED":
      return { ...s, status: "LIVE", statusChangedAt: at, liveAt: at };
    default:
      return undefined;
  }
}

/** Applies every automated step that is due by `now` on the simulated clock. */
export function progress(s: BoardingState, now: Date): BoardingState {
  let cur = s;
  for (;;) {
    const due = new Date(cur.statusChangedAt.getTime() + STEP_SECONDS * 1000);
    if (due > now) return cur;
    const next = step(cur, due);
    if (!next) return cur;
    cur = next;
  }
}

const PATH: BoardingStatus[] = ["OFS", "SIGNED", "APPROVED", "BOARDED", "LIVE"];

/**
 * Moves forward to `to` at `now`, passing through the steps in between. Returns an error message
 * when the target is behind, off the path (DECLINED after APPROVED) or the account is final.
 */
export function advanceTo(s: BoardingState, to: BoardingStatus, now: Date): BoardingState | string {
  if (s.status === "DECLINED" || s.status === "CANCELLED" || s.status === "LIVE")
    return `merchant is ${s.status}; no further boarding step`;
  if (s.status === "INPROG") return "the signature has not been requested yet (PUT /merchant/{id}/signature first)";
  if (to === "DECLINED") {
    if (s.status !== "SIGNED") return `only a SIGNED application can be declined (it is ${s.status})`;
    return { ...s, status: "DECLINED", statusChangedAt: now, declinedAt: now };
  }
  const from = PATH.indexOf(s.status);
  const target = PATH.indexOf(to);
  if (target < 0) return `unknown target status ${to}`;
  if (target <= from) return `merchant is already ${s.status}`;
  let cur: BoardingState = s;
  for (let i = from + 1; i <= target; i++) {
    const name = PATH[i]!;
    if (name === "SIGNED") cur = { ...cur, status: "SIGNED", statusChangedAt: now };
    else {
      const next = step({ ...cur, willDecline: false }, now);
      if (!next) return `cannot move from ${cur.status} to ${name}`;
      cur = { ...next, willDecline: s.willDecline };
    }
  }
  return cur;
}
