import type { Queryable } from "../db";
import { brandOf } from "../cards";
import { flag, str } from "../http";
import type { Merchant } from "../merchants";
import { resolveAccount } from "./account";
import {
  deleteProfile,
  getProfileAccounts,
  PROFILE_FIELDS,
  type ProfileAccount,
  type ProfileAccountData,
  saveProfileAccount,
  updateProfileAccount,
} from "./profile-store";
import { pps, PpsError } from "./pps";

type Body = Record<string, unknown>;

function view(m: Merchant, a: ProfileAccount, accttype: string, extra: Record<string, string> = {}) {
  const { token, expiry, ...demo } = a.data;
  return {
    profileid: a.profileid,
    acctid: String(a.acctid),
    account: token,
    token,
    ...(expiry ? { expiry } : {}),
    ...demo,
    accttype: demo.accttype ?? accttype,
    defaultacct: a.defaultacct ? "Y" : "N",
    gsacard: "N",
    auoptout: demo.auoptout ?? "N",
    merchid: m.merchid,
    ...extra,
  };
}

function accttypeOf(kind: "card" | "ach", account: string, requested?: string): string {
  if (kind === "ach") return requested ?? "ECHK";
  const b = brandOf(account);
  return b === "MC" ? "MC" : b === "DISC" ? "DISC" : (b ?? "VISA");
}

/** PUT/POST profile: create, add an account (`profile: <id>`), or update (`<id>/<acctid>`, `profileupdate: Y`). */
export async function saveProfile(q: Queryable, m: Merchant, body: Body) {
  try {
    const ref = str(body, "profile");
    const [pid, aidRaw] = ref ? ref.split("/") : [];
    const isUpdate = Boolean(pid && aidRaw);
    const merge = isUpdate && flag(body, "profileupdate");
    const data: Record<string, string> = {};
    for (const f of PROFILE_FIELDS) {
      const v = str(body, f);
      if (v !== undefined) data[f] = v;
    }
    let token = "";
    let expiry = "";
    let accttype = "";
    if (str(body, "account") || !merge) {
      const acct = await resolveAccount(q, m, {
        account: str(body, "account"),
        expiry: str(body, "expiry"),
        bankaba: str(body, "bankaba"),
        ach: ["ECHK", "ESAV"].includes((str(body, "accttype") ?? "").toUpperCase()),
      });
      if (acct.kind === "card" && !acct.expiry) throw new PpsError("15");
      token = acct.token;
      expiry = acct.expiry ?? "";
      accttype = accttypeOf(acct.kind, acct.account, data.accttype);
      if (acct.kind === "ach" && str(body, "bankaba")) data.bankaba = str(body, "bankaba")!;
    } else if (str(body, "expiry") !== undefined) {
      // profileupdate with only a new expiry (services.md §1.5 "only non-empty fields change"): MMYY or YYYYMM.
      const e = str(body, "expiry")!;
      if (!/^(0[1-9]|1[0-2])\d{2}$/.test(e) && !/^\d{4}(0[1-9]|1[0-2])$/.test(e)) throw new PpsError("15");
      expiry = e.length === 4 ? e : `${e.slice(4, 6)}${e.slice(2, 4)}`;
    }
    const full: ProfileAccountData = { ...data, token, expiry };
    const saved = isUpdate
      ? await updateProfileAccount(q, m.merchid, pid!, Number(aidRaw), merge ? { ...data, token, expiry } : full, merge)
      : await saveProfileAccount(q, m.merchid, full, {
          profileid: pid || undefined,
          defaultacct: flag(body, "defaultacct"),
        });
    if (saved === "not-found") return pps("96", { merchid: m.merchid });
    return view(m, saved, accttype || saved.data.accttype || "VISA", {
      respstat: "A",
      respcode: "09",
      resptext: "Profile Saved",
      respproc: "PPS",
    });
  } catch (err) {
    if (err instanceof PpsError) return pps(err.code, { merchid: m.merchid }, err.resptext);
    throw err;
  }
}

export async function getProfile(q: Queryable, m: Merchant, profileid: string, acctid: string) {
  const rows = await getProfileAccounts(q, m.merchid, profileid, acctid ? Number(acctid) : undefined);
  if (rows.length === 0) return pps("96", { merchid: m.merchid });
  return rows.map((a) =>
    view(m, a, a.data.accttype ?? "", { respstat: "A", respcode: "00", resptext: "Profile Saved", respproc: "PPS" }),
  );
}

export async function removeProfile(q: Queryable, m: Merchant, profileid: string, acctid: string) {
  const ok = await deleteProfile(q, m.merchid, profileid, acctid ? Number(acctid) : undefined);
  return ok ? pps("08", {}) : pps("96", {});
}
