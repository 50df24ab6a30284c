import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/db/client";
import { application, createMerchant, harness, ownerSiteUser } from "./helpers";
import { openForFile } from "@/tests/helpers/for-file";

const h = openForFile(harness);

interface Err {
  code: string;
  message: string;
  errorField: string | null;
  status: string;
}
type Body = Record<string, unknown> & { errors: Err[] | null };

async function createWith(merchant: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const r = await h.api("POST", "/merchant", { templateId: h.creds.template_id, merchant, ownerSiteUser, ...extra });
  return { status: r.status, body: (await r.json()) as Body };
}

const withOwner = (owner: Record<string, unknown>) => {
  const app = application();
  const ownership = app.ownership as Record<string, unknown>;
  return { ...app, ownership: { ...ownership, owner: { ...(ownership.owner as object), ...owner } } };
};

const fields = (b: Body) => (b.errors ?? []).map((e) => `${e.code}@${e.errorField}`);

describe("merchant create", () => {
  it("creates a merchant from a template and answers its merchantId with errors null", async () => {
    const { status, body } = await createWith(application());
    expect(status).toBe(200);
    expect(body.merchantId).toMatch(/^\d+$/);
    expect(body.errors).toBeNull();
  });

  it("requires an existing templateId", async () => {
    const missing = await createWith(application(), { templateId: undefined });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toContain("1005@templateId");
    const unknown = await createWith(application(), { templateId: 999999999 });
    expect(fields(unknown.body)).toContain("1005@templateId");
  });

  it("rejects a bad owner date of birth with code 1113 on merchant.ownership.owner.ownerDob", async () => {
    const { status, body } = await createWith(withOwner({ ownerDob: "1980-07-04" }));
    expect(status).toBe(400);
    expect(body.errors).toContainEqual({
      code: "1113",
      message: "Owner date of birth is invalid.  Please use MM/DD/YYYY format.",
      errorField: "merchant.ownership.owner.ownerDob",
      status: "BAD_REQUEST",
    });
  });

  it("checks dates against the real calendar and the owner's age", async () => {
    for (const ownerDob of ["02/30/1980", "13/01/1980", "01/01/2020"]) {
      const { body } = await createWith(withOwner({ ownerDob }));
      expect(fields(body)).toContain("1113@merchant.ownership.owner.ownerDob");
    }
    const future = await createWith(application({ businessStartDate: "01/01/2999" }));
    expect(fields(future.body)).toContain("1104@merchant.businessStartDate");
  });

  it("reports every failing field at once with the documented codes", async () => {
    const app = application({
      legalBusinessName: "L".repeat(501),
      akaBusinessName: "A".repeat(201),
      taxFilingName: "Bakery! LLC",
    });
    (app.demographic as Record<string, unknown>).businessPhone = "3035550100";
    const { status, body } = await createWith(app);
    expect(status).toBe(400);
    expect(fields(body)).toEqual(
      expect.arrayContaining([
        "1105@merchant.legalBusinessName",
        "1178@merchant.akaBusinessName",
        "1102@merchant.taxFilingName",
        "1115@merchant.demographic.businessPhone",
      ]),
    );
  });

  it("validates SSN, phone, owner name, state and zip formats", async () => {
    const { body } = await createWith(
      withOwner({
        ownerSSN: "123456789",
        ownerMobilePhone: "(303) 555-0101",
        ownerName: "Dr Jane Baker",
        ownerAddress: { address1: "9 Elm St", city: "Denver", stateCd: "XX", zip: "8020", countryCd: "US" },
      }),
    );
    expect(fields(body)).toEqual(
      expect.arrayContaining([
        "1112@merchant.ownership.owner.ownerSSN",
        "1115@merchant.ownership.owner.ownerMobilePhone",
        "1106@merchant.ownership.owner.ownerName",
        "1108@merchant.ownership.owner.ownerAddress.stateCd",
        "1109@merchant.ownership.owner.ownerAddress.zip",
      ]),
    );
  });

  it("checks the routing number checksum and the bank account", async () => {
    const app = application({
      bankDetail: { depositBank: { bankAcctNum: "12", bankRoutingNum: "021000022", bankAcctTypeCd: "CHK" } },
    });
    const { body } = await createWith(app);
    expect(fields(body)).toEqual(
      expect.arrayContaining([
        "1117@merchant.bankDetail.depositBank.bankRoutingNum",
        "1118@merchant.bankDetail.depositBank.bankAcctNum",
        "1119@merchant.bankDetail.depositBank.bankAcctTypeCd",
      ]),
    );
  });

  it("refuses ownership above 100% in total", async () => {
    const app = application();
    (app.ownership as Record<string, unknown>).ownerOwnershipPct = 70;
    const { body } = await createWith(app);
    expect(fields(body)).toContain("1116@merchant.ownership.ownerOwnershipPct");
  });

  it("requires the minimal application and SSN tax filing for sole proprietors", async () => {
    const { body } = await createWith({ dbaName: "Just A Name" });
    expect(fields(body)).toEqual(
      expect.arrayContaining(["1100@merchant.legalBusinessName", "1100@merchant.ownership.owner.ownerName"]),
    );
    const sole = application();
    (sole.ownership as Record<string, unknown>).ownershipTypeCd = "INDIVSOLE";
    expect(fields((await createWith(sole)).body)).toContain("1103@merchant.taxFilingMethod");
  });
});

describe("template and processing rules", () => {
  it("keeps template values the application leaves out, object by object", async () => {
    const id = await createMerchant(h);
    const b = (await (await h.api("GET", `/merchant/${id}`)).json()) as { merchant: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const pd = b.merchant.processing.platformDetails;
    expect(pd).toMatchObject({
      backEndPlatformCd: "FDNOB",
      frontEndPlatformCd: "FDNOF",
      taxId: "841234567",
      mccId: "5462",
    });
    expect(b.merchant.processing.volumeDetails.averageMonthlyVolume).toBe(25000);
    expect(b.merchant.pricing.flatPricing.visa.qualCreditDiscountPct).toBe(2.6);
  });

  it("checks platform codes, delivery percentages and ticket sizes", async () => {
    const app = application();
    app.processing = {
      platformDetails: { taxId: "84-123", mccId: "54", backEndPlatformCd: "NOPE", currencyCode: "usd" },
      modeOfTransaction: { eCommercePct: 0, keyedPct: 0, mailOrderPct: 0, swipedPct: 90 },
      deliveryPercentages: { dlvrySameDayPct: 50, dlvry0To7DaysPct: 20 },
      volumeDetails: { averageMonthlyVolume: 10000, highTicketAmount: 100, averageTicketAmount: 500 },
    };
    app.fees = { pciProgramCd: "SOMETIMES" };
    const { status, body } = await createWith(app);
    expect(status).toBe(400);
    expect(fields(body)).toEqual(
      expect.arrayContaining([
        "1130@merchant.processing.platformDetails.taxId",
        "1131@merchant.processing.platformDetails.mccId",
        "1135@merchant.processing.platformDetails.backEndPlatformCd",
        "1136@merchant.processing.platformDetails.currencyCode",
        "1122@merchant.processing.modeOfTransaction",
        "1134@merchant.processing.deliveryPercentages",
        "1137@merchant.processing.volumeDetails.averageTicketAmount",
        "1123@merchant.fees.pciProgramCd",
      ]),
    );
  });
});

describe("merchant get and update", () => {
  let id: string;
  beforeAll(async () => {
    id = await createMerchant(h);
  });

  it("returns the merchant with sensitive fields masked, template values, and null for unknown children", async () => {
    const r = await h.api("GET", `/merchant/${id}`);
    expect(r.status).toBe(200);
    const b = (await r.json()) as { merchant: Record<string, any>; ownerSiteUser: unknown; errors: null }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(b.errors).toBeNull();
    expect(b.ownerSiteUser).toEqual(ownerSiteUser);
    expect(b.merchant.ownership.owner.ownerSSN).toBe("XXX-XX-6789");
    expect(b.merchant.ownership.additionalOwners[0].ownerSSN).toBe("XXX-XX-4321");
    expect(b.merchant.bankDetail.depositBank.bankAcctNum).toBe("XXXXXXXX6789");
    expect(b.merchant.bankDetail.depositBank.bankRoutingNum).toBe("021000021");
    expect(b.merchant.hierarchy.sponsorBankCd).toBe("WELLS");
    expect(b.merchant.fees.pciProgramCd).toBe("ANNUAL");
    expect(b.merchant.bankDetail.withdrawalBank).toBeNull();
    expect(b.merchant.demographic.businessFax).toBeNull();
    expect(b.merchant.processing.platformDetails.frontEndMid).toBeNull();
    expect(b.merchant.merchantStatus).toMatchObject({
      boardingProcessStatusCd: "INPROG",
      gatewayBoardingStatusCd: "NOT_BOARDED",
    });
    expect(b.merchant.signatureStatus.signatureStatusCd).toBe("NOT_SENT");
  });

  it("stores SSNs and bank account numbers sealed, never in clear", async () => {
    const r = await getPool().query<{ doc: string }>(
      `select merchant::text as doc from sandbox_copilot.merchants where merchant_id = $1`,
      [id],
    );
    const doc = r.rows[0]!.doc;
    expect(doc).not.toContain("123-45-6789");
    expect(doc).not.toContain("987-65-4321");
    expect(doc).not.toContain("000123456789");
    expect(doc).toContain("sealed:v1.");
  });

  it("replaces a supplied parent object wholesale: omitted children become null", async () => {
    // Replacing demographic drops the website, which e-commerce volume requires (a cross-field rule).
    const noSite = await h.api("PUT", `/merchant/${id}`, {
      merchant: { demographic: { businessPhone: "720-555-0199", merchantTimeZone: "MT" } },
    });
    expect(fields((await noSite.json()) as Body)).toEqual(["1121@merchant.demographic.websiteAddress"]);
    const put = await h.api("PUT", `/merchant/${id}`, {
      merchant: {
        demographic: { businessPhone: "720-555-0199", merchantTimeZone: "MT", websiteAddress: "www.x.test" },
      },
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as Body).errors).toBeNull();
    const b = (await (await h.api("GET", `/merchant/${id}`)).json()) as { merchant: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(b.merchant.demographic.businessPhone).toBe("720-555-0199");
    expect(b.merchant.demographic.businessAddress).toBeNull();
    expect(b.merchant.demographic.mailingAddress).toBeNull();
    expect(b.merchant.demographic.businessFax).toBeNull();
    expect(b.merchant.dbaName).toBe("Corner Bakery");
  });

  it("keeps the stored SSN when the masked value is sent back", async () => {
    const got = (await (await h.api("GET", `/merchant/${id}`)).json()) as { merchant: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ownership = got.merchant.ownership;
    const put = await h.api("PUT", `/merchant/${id}`, {
      merchant: { ownership, demographic: application().demographic },
    });
    expect(put.status).toBe(200);
    const r = await h.api("PUT", `/merchant/${id}/signature`);
    expect(r.status).toBe(200);
    await h.api("DELETE", `/merchant/${id}/signature`);
  });

  it("validates updates like creates", async () => {
    const r = await h.api("PUT", `/merchant/${id}`, { merchant: withOwner({ ownerDob: "7/4/1980" }) });
    expect(r.status).toBe(400);
    expect(fields((await r.json()) as Body)).toContain("1113@merchant.ownership.owner.ownerDob");
  });

  it("answers 404 for an unknown merchant or another user's merchant", async () => {
    expect((await h.api("GET", "/merchant/1")).status).toBe(404);
    expect((await h.api("GET", "/merchant/abc")).status).toBe(404);
    const other = await (await h.control("/users", {})).json();
    const form = new URLSearchParams({
      grant_type: "password",
      client_id: "merchapi",
      client_secret: other.client_secret,
      username: other.username,
      password: other.password,
    });
    const t = await (await h.tokenRequest(Object.fromEntries(form))).json();
    const r = await h.api("GET", `/merchant/${id}`, undefined, { authorization: `Bearer ${t.access_token}` });
    expect(r.status).toBe(404);
    expect(((await r.json()) as Body).errors?.[0]?.status).toBe("NOT_FOUND");
  });
});

describe("owner site user, custom fields, attachments", () => {
  let id: string;
  beforeAll(async () => {
    id = await createMerchant(h);
  });

  it("reads and replaces the owner site user", async () => {
    const put = await h.api("PUT", `/merchant/${id}/ownerSiteUser`, {
      ownerSiteUser: { firstName: "Janet", lastName: "Baker", email: "janet@cornerbakery.test" },
    });
    expect(put.status).toBe(200);
    const b = (await (await h.api("GET", `/merchant/${id}/ownerSiteUser`)).json()) as Body;
    expect(b.ownerSiteUser).toEqual({ firstName: "Janet", lastName: "Baker", email: "janet@cornerbakery.test" });
    const bad = await h.api("PUT", `/merchant/${id}/ownerSiteUser`, {
      ownerSiteUser: { firstName: "J", lastName: "B", email: "nope" },
    });
    expect(fields((await bad.json()) as Body)).toContain("1124@ownerSiteUser.email");
  });

  it("reads and writes custom fields 1-10", async () => {
    const put = await h.api("PUT", `/merchant/${id}/customfields`, {
      customFields: [{ userFieldNumber: 2, customFieldValue: "partner ref 42" }],
    });
    expect(put.status).toBe(200);
    const b = (await (await h.api("GET", `/merchant/${id}/customfields`)).json()) as {
      customFields: { userFieldNumber: number; customFieldValue: string | null; isRequired: number }[];
    };
    expect(b.customFields).toHaveLength(10);
    expect(b.customFields[1]).toMatchObject({ userFieldNumber: 2, customFieldValue: "partner ref 42" });
    const bad = await h.api("PUT", `/merchant/${id}/customfields`, { customFields: [{ userFieldNumber: 11 }] });
    expect(fields((await bad.json()) as Body)).toContain("1128@customFields[0].userFieldNumber");
  });

  it("accepts a base64 attachment (wrapped or flat) and rejects bad ones", async () => {
    const doc = Buffer.from("%PDF-1.1 voided check").toString("base64");
    const wrapped = await h.api("PUT", `/merchant/${id}/attachment`, {
      attachment: {
        fileName: "VoidedCheck.pdf",
        mimeType: "application/pdf",
        attachmentTypeCd: "VOIDBNKCHK1",
        document: doc,
      },
    });
    expect(wrapped.status).toBe(200);
    expect(((await wrapped.json()) as Body).attachmentId).toEqual(expect.any(Number));
    const flat = await h.api("PUT", `/merchant/${id}/attachment`, {
      fileName: "Agreement.pdf",
      mimeType: "application/pdf",
      attachmentTypeCd: "ACKACCEPTAGRMT",
      document: doc,
    });
    expect(flat.status).toBe(200);
    const bad = await h.api("PUT", `/merchant/${id}/attachment`, {
      attachment: { fileName: "clip.mp4", mimeType: "video/mp4", attachmentTypeCd: "NOPE", document: "" },
    });
    expect(bad.status).toBe(400);
    expect(fields((await bad.json()) as Body)).toEqual(
      expect.arrayContaining([
        "1141@attachment.mimeType",
        "1142@attachment.attachmentTypeCd",
        "1143@attachment.document",
      ]),
    );
  });
});
