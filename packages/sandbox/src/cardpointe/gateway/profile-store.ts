import { createHash } from "node:crypto";
import type { Queryable } from "../db";
import { newProfileId } from "../ids";

/** Stored profiles: accounts are CardSecure tokens plus demographics; never card numbers. */
export const PROFILE_FIELDS = [
  "name",
  "company",
  "address",
  "address2",
  "city",
  "region",
  "country",
  "postal",
  "phone",
  "email",
  "accttype",
  "bankaba",
  "cofpermission",
  "auoptout",
] as const;

export interface ProfileAccountData {
  token: string;
  expiry: string;
  [field: string]: string;
}

export interface ProfileAccount {
  profileid: string;
  acctid: number;
  defaultacct: boolean;
  data: ProfileAccountData;
}

function fingerprint(data: ProfileAccountData): string {
  const keys = Object.keys(data).sort();
  return createHash("sha256")
    .update(JSON.stringify(keys.map((k) => [k, data[k] ?? ""])))
    .digest("hex");
}

/** acctids are 1–3 digits; anything else can match nothing (and must not reach an integer column). */
const validAcctid = (n: number) => Number.isInteger(n) && n > 0 && n < 1000;

async function lockMerchant(q: Queryable, merchid: string) {
  await q.query("select pg_advisory_xact_lock(hashtext('cp-profile:' || $1))", [merchid]);
}

/** Creates (or finds the identical) profile account. `profileid` given: add to that profile. */
export async function saveProfileAccount(
  q: Queryable,
  merchid: string,
  data: ProfileAccountData,
  opts: { profileid?: string; defaultacct?: boolean } = {},
): Promise<ProfileAccount | "not-found"> {
  await lockMerchant(q, merchid);
  const fp = fingerprint(data);
  const same = await q.query<ProfileAccount>(
    `select profileid, acctid, defaultacct, data from sandbox_cardpointe.profile_accounts
     where merchid = $1 and fingerprint = $2 ${opts.profileid ? "and profileid = $3" : ""}
     order by profileid, acctid limit 1`,
    opts.profileid ? [merchid, fp, opts.profileid] : [merchid, fp],
  );
  if (same.rows[0]) return same.rows[0];
  let profileid = opts.profileid;
  let acctid = 1;
  if (profileid) {
    const p = await q.query<{ next: number }>(
      `select coalesce(max(a.acctid), 0) + 1 as next from sandbox_cardpointe.profiles p
       left join sandbox_cardpointe.profile_accounts a on a.profileid = p.profileid
       where p.profileid = $1 and p.merchid = $2 group by p.profileid`,
      [profileid, merchid],
    );
    if (!p.rows[0]) return "not-found";
    acctid = Number(p.rows[0].next);
  } else {
    for (;;) {
      profileid = newProfileId();
      const r = await q.query(
        `insert into sandbox_cardpointe.profiles (profileid, merchid) values ($1,$2) on conflict do nothing`,
        [profileid, merchid],
      );
      if (r.rowCount === 1) break;
    }
  }
  const isDefault = acctid === 1 || opts.defaultacct === true;
  if (isDefault && acctid > 1) {
    await q.query(`update sandbox_cardpointe.profile_accounts set defaultacct = false where profileid = $1`, [
      profileid,
    ]);
  }
  await q.query(
    `insert into sandbox_cardpointe.profile_accounts (profileid, acctid, merchid, fingerprint, token, data, defaultacct)
     values ($1,$2,$3,$4,$5,$6,$7)`,
    [profileid, acctid, merchid, fp, data.token, JSON.stringify(data), isDefault],
  );
  return { profileid: profileid!, acctid, defaultacct: isDefault, data };
}

export async function updateProfileAccount(
  q: Queryable,
  merchid: string,
  profileid: string,
  acctid: number,
  data: ProfileAccountData,
  merge: boolean,
): Promise<ProfileAccount | "not-found"> {
  if (!validAcctid(acctid)) return "not-found";
  await lockMerchant(q, merchid);
  const cur = await q.query<ProfileAccount>(
    `select profileid, acctid, defaultacct, data from sandbox_cardpointe.profile_accounts
     where profileid = $1 and acctid = $2 and merchid = $3 for update`,
    [profileid, acctid, merchid],
  );
  const row = cur.rows[0];
  if (!row) return "not-found";
  const next: ProfileAccountData = merge
    ? { ...row.data, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== "")) }
    : data;
  await q.query(
    `update sandbox_cardpointe.profile_accounts set data = $4, token = $5, fingerprint = $6
     where profileid = $1 and acctid = $2 and merchid = $3`,
    [profileid, acctid, merchid, JSON.stringify(next), next.token, fingerprint(next)],
  );
  return { ...row, data: next };
}

export async function getProfileAccounts(
  q: Queryable,
  merchid: string,
  profileid: string,
  acctid?: number,
): Promise<ProfileAccount[]> {
  if (acctid !== undefined && !validAcctid(acctid)) return [];
  const r = await q.query<ProfileAccount>(
    `select profileid, acctid, defaultacct, data from sandbox_cardpointe.profile_accounts
     where profileid = $1 and merchid = $2 ${acctid !== undefined ? "and acctid = $3" : ""} order by acctid`,
    acctid !== undefined ? [profileid, merchid, acctid] : [profileid, merchid],
  );
  return r.rows;
}

export async function deleteProfile(
  q: Queryable,
  merchid: string,
  profileid: string,
  acctid?: number,
): Promise<boolean> {
  if (acctid !== undefined && !validAcctid(acctid)) return false;
  if (acctid === undefined) {
    const r = await q.query(`delete from sandbox_cardpointe.profiles where profileid = $1 and merchid = $2`, [
      profileid,
      merchid,
    ]);
    return (r.rowCount ?? 0) > 0;
  }
  const r = await q.query(
    `delete from sandbox_cardpointe.profile_accounts where profileid = $1 and acctid = $2 and merchid = $3`,
    [profileid, acctid, merchid],
  );
  return (r.rowCount ?? 0) > 0;
}
