import { beforeAll, describe, expect, it } from "vitest";
import { openForFile } from "@/tests/helpers/for-file";
import { EXPIRY, Sandbox, type TestMerchant } from "./helpers";

const sb = openForFile(() => Sandbox.start());
let m: TestMerchant;

beforeAll(async () => {
  m = await sb.merchant({ site: "proftest" });
});

describe("profiles", () => {
  it("creates a profile, returns the existing ids for an identical one, adds and updates accounts", async () => {
    const body = { account: "4111111111111111", expiry: EXPIRY, name: "Jo Buyer", postal: "19406", defaultacct: "Y" };
    const p = await sb.gw(m, "profile", body);
    expect(p).toMatchObject({
      respstat: "A",
      respcode: "09",
      resptext: "Profile Saved",
      respproc: "PPS",
      acctid: "1",
      defaultacct: "Y",
      name: "Jo Buyer",
    });
    expect(p.profileid).toMatch(/^\d{20}$/);
    expect(p.token).toMatch(/^941\d{9}1111$/);
    const same = await sb.gw(m, "profile", body, "POST");
    expect([same.profileid, same.acctid]).toEqual([p.profileid, p.acctid]);

    const added = await sb.gw(m, "profile", { profile: p.profileid, account: "5454545454545454", expiry: EXPIRY });
    expect(added).toMatchObject({ profileid: p.profileid, acctid: "2", defaultacct: "N" });
    const upd = await sb.gw(m, "profile", { profile: `${p.profileid}/2`, profileupdate: "Y", name: "Second Card" });
    expect(upd).toMatchObject({ acctid: "2", name: "Second Card", token: added.token });

    const all = await (await sb.get(m, `profile/${p.profileid}//${m.merchid}`)).json();
    expect(all.map((a: { acctid: string }) => a.acctid)).toEqual(["1", "2"]);
    const one = await (await sb.get(m, `profile/${p.profileid}/1/${m.merchid}`)).json();
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ profileid: p.profileid, acctid: "1", token: p.token, expiry: EXPIRY });
    expect(JSON.stringify(all)).not.toContain("4111111111111111");
  });

  it("charges a stored profile and creates one from an approved auth (not from a declined one)", async () => {
    const p = await sb.gw(m, "profile", { account: "4788250000121443", expiry: EXPIRY });
    const charge = await sb.gw(m, "auth", {
      profile: `${p.profileid}/${p.acctid}`,
      amount: "12.34",
      capture: "Y",
      orderid: "EP-1",
    });
    expect(charge).toMatchObject({
      respstat: "A",
      profileid: p.profileid,
      acctid: p.acctid,
      token: p.token,
      amount: "12.34",
    });
    const created = await sb.gw(m, "auth", {
      account: "5454545454545454",
      expiry: EXPIRY,
      amount: "1.00",
      profile: "Y",
    });
    expect(created.profileid).toMatch(/^\d{20}$/);
    expect(created.acctid).toBe("1");
    const declined = await sb.gw(m, "auth", {
      account: "4387751111111038",
      expiry: EXPIRY,
      amount: "1.00",
      profile: "Y",
    });
    expect(declined.respstat).toBe("C");
    expect(declined.profileid).toBeUndefined();
  });

  it("deletes an account or a whole profile; unknown profiles are PPS 96", async () => {
    const p = await sb.gw(m, "profile", { account: "6011000995500000", expiry: EXPIRY });
    await sb.gw(m, "profile", { profile: p.profileid, account: "3528000000000007", expiry: EXPIRY });
    const del = async (path: string) =>
      (await fetch(sb.rest(m, path), { method: "DELETE", headers: { authorization: sb.authHeader(m) } })).json();
    expect(await del(`profile/${p.profileid}/2/${m.merchid}`)).toEqual({
      resptext: "Profile Deleted",
      respcode: "08",
      respproc: "PPS",
      respstat: "A",
    });
    expect(await (await sb.get(m, `profile/${p.profileid}//${m.merchid}`)).json()).toHaveLength(1);
    expect((await del(`profile/${p.profileid}//${m.merchid}`)).respcode).toBe("08");
    const gone = await (await sb.get(m, `profile/${p.profileid}//${m.merchid}`)).json();
    expect(gone).toMatchObject({ respstat: "C", respcode: "96", resptext: "Profile not found" });
    expect((await del(`profile/${p.profileid}//${m.merchid}`)).respcode).toBe("96");
    expect((await (await sb.get(m, `profile/${p.profileid}/abc/${m.merchid}`)).json()).respcode).toBe("96");
    expect((await del(`profile/${p.profileid}/99999/${m.merchid}`)).respcode).toBe("96");
    expect((await sb.gw(m, "auth", { profile: `${p.profileid}/x`, amount: "1.00" })).respcode).toBe("96");
    const addToMissing = await sb.gw(m, "profile", {
      profile: "12345678901234567890",
      account: "4111111111111111",
      expiry: EXPIRY,
    });
    expect(addToMissing.respcode).toBe("96");
  });

  it("keeps profiles private to their merchant", async () => {
    const p = await sb.gw(m, "profile", { account: "4111111111111111", expiry: EXPIRY, name: "Private" });
    const other = await sb.merchant({ site: "proftest" });
    const r = await (await sb.get(other, `profile/${p.profileid}//${other.merchid}`)).json();
    expect(r.respcode).toBe("96");
    const charge = await sb.gw(other, "auth", { profile: `${p.profileid}/1`, amount: "1.00" });
    expect(charge.respcode).toBe("96");
  });
});
