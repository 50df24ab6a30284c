import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { boardingApplications, memberships, users } from "@/db/schema";
import { saveBoardingDraftAction, submitBoardingApplicationAction } from "@/lib/actions/boarding";
import { runAsSession } from "@/lib/auth/session";
import { sandboxControl } from "@/lib/sandbox-control";
import { refreshOpenApplications } from "@/lib/services/boarding/refresh-open";

/**
 * The demo partner's boarding pipeline, one application per stage: made by partner@demo.test through the boarding
 * actions (draft, submit to the CoPilot sandbox with its e-signature request), moved along by the CoPilot sandbox's
 * `advance` control (what underwriting would do) and read back by the same refresh the background job runs. Owners
 * have `.test` addresses: their signature and welcome emails go to the demo mail catcher, never to a person.
 */
const STAGES = ["draft", "submitted", "SIGNED", "APPROVED", "DECLINED", "BOARDED", "LIVE"] as const;
const NAMES = [
  "Harbor Books",
  "Juniper Yoga",
  "Pine & Pour",
  "Lakeside Bikes",
  "Quill Stationery",
  "Ember Pizza",
  "Nook Tea",
];

function application(i: number, name: string) {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, "");
  return {
    dbaName: name,
    legalBusinessName: `${name} LLC`,
    taxFilingName: `${name} LLC`,
    taxFilingMethod: "EIN",
    ownershipTypeCd: "LLC",
    taxId: `12345${String(6789 + i).padStart(4, "0")}`,
    businessStartDate: "03/15/2015",
    businessPhone: `555-201-${String(3300 + i)}`,
    merchantTimeZone: "ET",
    address1: `${12 + i} Main St`,
    city: "Burlington",
    stateCd: "VT",
    zip: "05401",
    owners: [
      {
        firstName: name.split(" ")[0],
        lastName: "Owner",
        email: `owner@${slug}.test`,
        phone: `555-201-${String(3400 + i)}`,
        title: "OWNER",
        dob: "04/02/1980",
        ssn: "123-45-6789",
        ownershipPct: "100",
      },
    ],
    bankName: "First Bank",
    bankRoutingNum: "021000021",
    bankAcctNum: `0001234567${String(i).padStart(2, "0")}`,
    bankAcctTypeCd: "BIZ",
    averageMonthlyVolume: String(15000 + i * 2500),
    averageTicketAmount: "40",
    highTicketAmount: "500",
    swipedPct: "90",
    keyedPct: "10",
    eCommercePct: "0",
    mailOrderPct: "0",
    pricingPlan: "template",
    equipment: [{ equipmentId: 10003, quantity: 1 }],
    gateway: i % 2 === 0 ? "cardpointe" : "fluidpay",
  };
}

export async function generateBoardingPipeline(
  say: (line: string) => void,
  partnerAdminEmail = "partner@demo.test",
): Promise<number> {
  const [admin] = await getDb()
    .select({ id: users.id, sessionVersion: users.sessionVersion, partnerId: memberships.partnerId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, partnerAdminEmail));
  if (!admin?.partnerId) return 0;
  const partnerId = admin.partnerId;
  const claims = { userId: admin.id, sessionVersion: admin.sessionVersion };
  let made = 0;
  for (const [i, stage] of STAGES.entries()) {
    const app = application(i, NAMES[i] as string);
    const draft = await runAsSession(claims, () => saveBoardingDraftAction({ partnerId, ...app }));
    if (!draft.ok) throw new Error(`demo boarding: draft refused (${JSON.stringify(draft)})`);
    made++;
    if (stage === "draft") continue;
    const applicationId = draft.data.applicationId;
    const sent = await runAsSession(claims, () =>
      submitBoardingApplicationAction({ partnerId, applicationId, ...app }),
    );
    if (!sent.ok) throw new Error(`demo boarding: submit refused (${JSON.stringify(sent)})`);
    if (stage === "submitted") continue;
    const copilotMerchantId = await copilotMerchantOf(applicationId);
    if (stage === "DECLINED") {
      await sandboxControl("copilot", `merchants/${copilotMerchantId}/advance`, { to: "SIGNED" });
    }
    await sandboxControl("copilot", `merchants/${copilotMerchantId}/advance`, { to: stage });
  }
  const r = await refreshOpenApplications();
  say(`  boarding pipeline: ${made} applications (${r.changed} moved on, ${r.provisioned} live merchant provisioned)`);
  return made;
}

async function copilotMerchantOf(applicationId: string): Promise<string> {
  const [row] = await getDb()
    .select({ id: boardingApplications.copilotMerchantId })
    .from(boardingApplications)
    .where(eq(boardingApplications.id, applicationId));
  if (!row?.id) throw new Error("demo boarding: the submitted application has no CoPilot merchant");
  return String(row.id);
}
