import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { boardingApplications, merchants } from "@/db/schema";
import { generateBoardingPipeline } from "@/lib/cli/demo-boarding";
import { servePortalOrigin } from "@/tests/helpers/portal-origin";
import type { Served } from "@/tests/helpers/serve";
import { makeTenants, type Tenants } from "@/tests/helpers/tenants";

/** The demo partner's boarding pipeline: one application in every stage, through the actions and the CoPilot sandbox. */
let served: Served;
let t: Tenants;

beforeAll(async () => {
  served = await servePortalOrigin();
  t = await makeTenants();
}, 60_000);
afterAll(async () => {
  await served?.close();
  await closeDb();
});

describe("demo boarding pipeline", () => {
  it("has an application in every stage, and the live one provisioned its merchant", async () => {
    const lines: string[] = [];
    expect(await generateBoardingPipeline((l) => lines.push(l), t.partnerAdmin.email)).toBe(7);
    const apps = await getDb()
      .select({ status: boardingApplications.status, merchantId: boardingApplications.merchantId })
      .from(boardingApplications)
      .where(eq(boardingApplications.partnerId, t.partnerId));
    expect(apps.map((a) => a.status).sort()).toEqual(
      ["approved", "boarded", "declined", "draft", "live", "signature_sent", "signed"].sort(),
    );
    const live = apps.find((a) => a.status === "live");
    expect(live?.merchantId).toBeTruthy();
    const [m] = await getDb()
      .select({ partnerId: merchants.partnerId })
      .from(merchants)
      .where(eq(merchants.id, live?.merchantId as string));
    expect(m?.partnerId).toBe(t.partnerId);
    expect(lines.join("\n")).toMatch(/7 applications/);
  }, 120_000);
});
