import { randomInt } from "node:crypto";
import type { Queryable } from "../db";
import {
  amountDriven,
  avsResponse,
  brandOf,
  cvvResponse,
  isPublicTestCard,
  luhnValid,
  maskPan,
  outcome,
  PARTIAL_AUTH_APPROVED_MINOR,
  PARTIAL_AUTH_CARD,
  PARTIAL_AUTH_MIN_MINOR,
  type ProcessorResult,
  TEST_CARDS,
  TIMEOUT_CARDS,
} from "../cards";
import { flag, str } from "../http";
import type { Merchant } from "../merchants";
import { nowFor } from "../merchants";
import { formatAmount, parseAmount } from "../money";
import { insertTxn, openBatchId, type TxnRow } from "../store";
import { type ResolvedAccount, resolveAccount } from "./account";
import { getProfileAccounts, PROFILE_FIELDS, saveProfileAccount } from "./profile-store";
import { pps, PpsError } from "./pps";

type Body = Record<string, unknown>;

export interface AuthOptions {
  /** How the card was read (terminal sales); gateway API calls leave it to ecomind. */
  entrymode?: string;
  /** Fault injection: answer as if the processor never replied. */
  timeout?: boolean;
}

interface Decision {
  result: ProcessorResult;
  respproc: string;
  approvedMinor: number;
  authcode?: string;
}

function decide(m: Merchant, acct: ResolvedAccount, amountMinor: number): Decision | "timeout" {
  if (acct.kind === "ach") {
    return {
      result: { respcode: "00", respstat: "A", resptext: "Success" },
      respproc: "PSTR",
      approvedMinor: amountMinor,
      authcode: randomAuthcode(),
    };
  }
  const proc = m.processor;
  const respproc = proc;
  const pan = acct.account;
  if (m.environment === "prod") {
    // Production sends the card to the issuer: published test numbers are not real cards there.
    if (isPublicTestCard(pan)) return { result: outcome(proc, "invalidCard"), respproc, approvedMinor: 0 };
    return { result: outcome(proc, "approval"), respproc, approvedMinor: amountMinor, authcode: randomAuthcode() };
  }
  if (TIMEOUT_CARDS.has(pan)) return "timeout";
  const test = TEST_CARDS[pan];
  // A decline card always declines; an approval card only fixes the authcode, so amounts still drive codes.
  if (test && !test.approve) return { result: outcome(proc, test.outcome), respproc, approvedMinor: 0 };
  const fixedAuthcode = test?.approve ? test.authcode : undefined;
  if (pan === PARTIAL_AUTH_CARD && amountMinor >= PARTIAL_AUTH_MIN_MINOR) {
    return {
      result: outcome(proc, "partial"),
      respproc,
      approvedMinor: PARTIAL_AUTH_APPROVED_MINOR,
      authcode: randomAuthcode(),
    };
  }
  const driven = amountDriven(amountMinor, proc);
  if (driven) {
    const ok = driven.respstat === "A";
    return { result: driven, respproc, approvedMinor: ok ? amountMinor : 0, authcode: ok ? fixedAuthcode : undefined };
  }
  return { result: outcome(proc, "approval"), respproc, approvedMinor: amountMinor, authcode: fixedAuthcode };
}

function looksLikePan(v: string): boolean {
  return /^\d{13,19}$/.test(v) && luhnValid(v) && brandOf(v) !== undefined;
}

function randomAuthcode(): string {
  return `PPS${String(randomInt(0, 1000)).padStart(3, "0")}`;
}

function cardBrandCode(acct: ResolvedAccount): string {
  return acct.kind === "ach" ? "ECHK" : (brandOf(acct.account) ?? "UNKN");
}

/**
 * The `auth` verb: validation, account resolution (token/PAN/ACH/profile), the UAT decision rules,
 * optional capture into the open batch and optional profile creation. Returns the response body.
 */
export async function authorize(q: Queryable, m: Merchant, body: Body, opts: AuthOptions = {}) {
  const now = nowFor(m);
  const amountMinor = parseAmount(str(body, "amount"));
  // An order id that could be a card number is masked when stored, so it can no longer find the sale (as documented).
  const rawOrderid = str(body, "orderid");
  const orderid = rawOrderid && looksLikePan(rawOrderid) ? maskPan(rawOrderid) : rawOrderid;
  const base = { merchid: m.merchid, ...(orderid ? { orderid } : {}) };
  try {
    if (amountMinor === undefined) throw new PpsError("43");
    if (amountMinor < 0) throw new PpsError("45");
    const currency = str(body, "currency");
    if (currency && currency.toUpperCase() !== m.currency) throw new PpsError("32");
    const cvv2 = str(body, "cvv2");
    if (cvv2 && !/^\d{3,4}$/.test(cvv2)) throw new PpsError("14");
    const country = (str(body, "country") ?? "US").toUpperCase();
    const postal = str(body, "postal");
    if (postal && (country === "US" || country === "USA") && !/^\d{5}(-?\d{4})?$/.test(postal)) {
      throw new PpsError("17");
    }
    // Stored credentials (yaml authRequest `cof` C|M, `cofscheduled` Y|N; services.md §auth): other values are refused.
    const cof = str(body, "cof");
    if (cof !== undefined && cof !== "C" && cof !== "M") throw new PpsError("34", "Invalid field: cof");
    const cofscheduled = str(body, "cofscheduled");
    if (cofscheduled !== undefined && cofscheduled !== "Y" && cofscheduled !== "N")
      throw new PpsError("34", "Invalid field: cofscheduled");

    const profileRef = str(body, "profile");
    let account = str(body, "account");
    let expiryIn = str(body, "expiry");
    let usedProfile: { profileid: string; acctid: string } | undefined;
    if (profileRef && profileRef.toUpperCase() !== "Y") {
      const [pid, aid] = profileRef.split("/");
      const rows = pid ? await getProfileAccounts(q, m.merchid, pid, aid ? Number(aid) : undefined) : [];
      const chosen = rows.find((r) => r.defaultacct) ?? rows[0];
      if (!chosen) throw new PpsError("96");
      account = chosen.data.token;
      expiryIn ??= chosen.data.expiry || undefined;
      usedProfile = { profileid: chosen.profileid, acctid: String(chosen.acctid) };
    }
    const accttype = str(body, "accttype")?.toUpperCase();
    const acct = await resolveAccount(q, m, {
      account,
      expiry: expiryIn,
      bankaba: str(body, "bankaba"),
      ach: accttype === "ECHK" || accttype === "ESAV",
    });
    if (acct.kind === "card" && !acct.expiry) throw new PpsError("15");
    if (acct.kind === "ach" && amountMinor === 0) throw new PpsError("43");

    const decision = opts.timeout && acct.kind === "card" ? "timeout" : decide(m, acct, amountMinor);
    const accountOut = !flag(body, "tokenize")
      ? acct.token
      : acct.kind === "card"
        ? maskPan(acct.account)
        : `${"*".repeat(Math.max(0, (acct.account.split("/")[1] ?? "").length - 4))}${acct.last4}`;
    const common = {
      ...base,
      account: accountOut,
      token: acct.token,
      ...(acct.expiry ? { expiry: acct.expiry } : {}),
    };
    const txnBase = {
      merchid: m.merchid,
      kind: "auth" as const,
      orderid: orderid ?? null,
      token: acct.token,
      account_kind: acct.kind,
      first6: acct.first6,
      last4: acct.last4,
      expiry: acct.expiry ?? null,
      name: str(body, "name") ?? null,
      amount_minor: amountMinor,
      currency: m.currency,
      entrymode: opts.entrymode ?? null,
      ecomind: str(body, "ecomind") ?? null,
      cof: str(body, "cof") ?? null,
      signature: str(body, "signature") ?? null,
      userfields: (body.userfields && typeof body.userfields === "object"
        ? body.userfields
        : null) as TxnRow["userfields"],
      authdate: now,
      settledate: null,
      parent_retref: null,
    };

    if (decision === "timeout") {
      const t = await insertTxn(q, {
        ...txnBase,
        authorized_minor: 0,
        captured_minor: 0,
        respstat: "B",
        respcode: "62",
        resptext: "Timed out",
        respproc: "PPS",
        authcode: null,
        avsresp: null,
        cvvresp: null,
        setlstat: "Declined",
        batchid: null,
        profileid: null,
        acctid: null,
        capturedate: null,
      });
      return { ...common, amount: formatAmount(amountMinor), retref: t.retref, ...pps("62"), setlstat: "Declined" };
    }

    const { result, respproc } = decision;
    const approved = result.respstat === "A";
    const capture = approved && flag(body, "capture") && amountMinor > 0;
    const batchid = capture ? await openBatchId(q, m.merchid, now) : null;
    const avsresp = approved && acct.kind === "card" ? avsResponse(postal, str(body, "address")) : null;
    const cvvresp = approved ? (cvvResponse(cvv2) ?? null) : null;
    let profile = usedProfile;
    if (approved && profileRef?.toUpperCase() === "Y") {
      const data: Record<string, string> = { token: acct.token, expiry: acct.expiry ?? "" };
      for (const f of PROFILE_FIELDS) {
        const v = str(body, f);
        if (v !== undefined) data[f] = v;
      }
      const saved = await saveProfileAccount(q, m.merchid, data as { token: string; expiry: string });
      if (saved !== "not-found") profile = { profileid: saved.profileid, acctid: String(saved.acctid) };
    }
    const setlstat = !approved
      ? "Declined"
      : amountMinor === 0
        ? "Zero Amount"
        : capture
          ? "Queued for Capture"
          : "Authorized";
    const authcode = approved ? (decision.authcode ?? randomAuthcode()) : null;
    const t = await insertTxn(q, {
      ...txnBase,
      authorized_minor: decision.approvedMinor,
      captured_minor: capture ? decision.approvedMinor : 0,
      respstat: result.respstat,
      respcode: result.respcode,
      resptext: result.resptext,
      respproc,
      authcode,
      avsresp,
      cvvresp,
      setlstat,
      batchid,
      profileid: approved ? (profile?.profileid ?? null) : null,
      acctid: approved ? (profile?.acctid ?? null) : null,
      capturedate: capture ? now : null,
    });
    return {
      ...common,
      amount: formatAmount(decision.approvedMinor),
      retref: t.retref,
      respstat: result.respstat,
      respcode: result.respcode,
      resptext: result.resptext,
      respproc,
      ...(authcode ? { authcode } : {}),
      ...(avsresp ? { avsresp } : {}),
      ...(cvvresp ? { cvvresp } : {}),
      ...(approved ? { commcard: "N" } : {}),
      ...(capture ? { batchid, setlstat } : {}),
      ...(approved && profile ? { profileid: profile.profileid, acctid: profile.acctid } : {}),
      ...(opts.entrymode ? { entrymode: opts.entrymode } : {}),
      // authResponse `cof`: "Returns the cof value, if included in the authorization request" (yaml L2261).
      ...(cof ? { cof } : {}),
      ...(flag(body, "bin") ? { binInfo: { bin: acct.first6, cardusestring: cardBrandCode(acct) } } : {}),
    };
  } catch (err) {
    if (err instanceof PpsError) {
      // Nothing was authorized: a rejection answers "0.00" like any decline.
      return { ...base, amount: "0.00", ...pps(err.code, {}, err.resptext) };
    }
    throw err;
  }
}
