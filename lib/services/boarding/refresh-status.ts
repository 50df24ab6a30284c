import { getDb } from "@/db/client";
import { type Application, getApplication, updateApplication } from "@/db/queries/boarding";
import { listSentMessages } from "@/db/queries/mail";
import { NotFound } from "@/lib/auth/errors";
import type { PartnerContext } from "@/lib/auth/guard";
import { applicationStatusOf, parseCoPilotDateTime, snapshotOf } from "@/lib/copilot/transform";
import { merchantResponse } from "@/lib/copilot/types";
import { writeAudit } from "@/lib/services/audit/write";
import { copilotForPartner } from "@/lib/services/partners/copilot";
import { provisionLiveMerchant } from "./provision";
import { applicationScope } from "./save-draft";

const ORDER = ["draft", "submitted", "signature_sent", "signed", "approved", "declined", "boarded", "live"];
const DAY = 24 * 60 * 60 * 1000;

export interface TimelineView {
  id: string;
  status: Application["status"];
  dbaName: string;
  copilotMerchantId: string | null;
  signatureUrl: string | null;
  mid: string | null;
  merchantId: string | null;
  steps: { key: string; label: string; at: string | null; state: "done" | "current" | "todo" | "failed" }[];
  hints: string[];
  /** The owner's welcome email (its set-password link goes only to the owner): delivery status, never content. */
  ownerWelcome: { status: string; at: string } | null;
  ownerEmail: string | null;
}

/**
 * Reads the application's state at CoPilot, records what changed (audited), and provisions the
 * portal merchant once CoPilot says LIVE. Final applications are not fetched again.
 */
export async function refreshApplication(ctx: PartnerContext, applicationId: string): Promise<TimelineView> {
  const app = await getApplication({ ...applicationScope(ctx), applicationId });
  if (!app) throw new NotFound();
  const current = await syncApplication(app, ctx.user.id);
  return timelineOf(current, await ownerWelcomeOf(current));
}

/** Nothing more to learn from CoPilot: declined, or live with its merchant provisioned. */
export function isFinal(app: Pick<Application, "status" | "merchantId">): boolean {
  return app.status === "declined" || (app.status === "live" && !!app.merchantId);
}

/**
 * One application brought up to date with CoPilot (shared by the timeline's polling and the background job):
 * status and dates under a row lock, an audit row when the status moved, provisioning on LIVE (once: the lock
 * and the merchantId check make concurrent pollers and workers safe). `actorUserId` null = the system.
 */
export async function syncApplication(app: Application, actorUserId: string | null): Promise<Application> {
  if (!app.copilotMerchantId || isFinal(app)) return app;
  const db = getDb();
  const scope = { partnerId: app.partnerId, applicationId: app.id };
  const { client } = await copilotForPartner(app.partnerId, actorUserId);
  const snap = snapshotOf(await client.request("GET", `/merchant/${app.copilotMerchantId}`, merchantResponse));
  const next = applicationStatusOf(snap);
  await db.transaction(async (tx) => {
    const locked = await getApplication({ ...scope, forUpdate: true }, tx);
    if (!locked) throw new NotFound();
    const status = next && ORDER.indexOf(next) > ORDER.indexOf(locked.status) ? next : locked.status;
    const at = (v: string | null, old: Date | null) => old ?? parseCoPilotDateTime(v);
    const set = {
      status: status as Application["status"],
      mid: snap.frontEndMid ?? locked.mid,
      signatureUrl: snap.signatureUrl ?? locked.signatureUrl,
      signedAt: locked.signedAt ?? (snap.signatureStatus === "SIGNED" ? new Date() : null),
      approvedAt: at(snap.approvedAt, locked.approvedAt),
      declinedAt: at(snap.declinedAt, locked.declinedAt),
      boardedAt: at(snap.boardedAt, locked.boardedAt),
      liveAt: at(snap.liveAt, locked.liveAt),
      lastCheckedAt: new Date(),
    };
    await updateApplication(scope, set, tx);
    if (status !== locked.status)
      await writeAudit(tx, {
        actorUserId,
        actorLabel: actorUserId ? null : "system:boarding",
        partnerId: app.partnerId,
        action: "boarding.status_changed",
        targetType: "boarding_application",
        targetId: app.id,
        before: { status: locked.status },
        after: { status, copilotStatus: snap.boardingStatus, mid: set.mid },
      });
    if (status === "live" && !locked.merchantId) await provisionLiveMerchant(tx, { ...locked, ...set }, actorUserId);
  });
  return (await getApplication(scope, db))!;
}

async function ownerWelcomeOf(app: Application): Promise<TimelineView["ownerWelcome"]> {
  if (!app.merchantId) return null;
  const { items } = await listSentMessages({ merchantId: app.merchantId, reference: app.id, pageSize: 5 });
  const m = items.find((i) => i.template === "merchant-welcome");
  return m ? { status: m.status, at: (m.sentAt ?? m.createdAt).toISOString() } : null;
}

export function timelineOf(
  app: Application,
  ownerWelcome: TimelineView["ownerWelcome"] = null,
  now = new Date(),
): TimelineView {
  const idx = ORDER.indexOf(app.status);
  const declined = app.status === "declined";
  const step = (key: string, label: string, at: Date | null) => {
    const i = ORDER.indexOf(key);
    const state: TimelineView["steps"][number]["state"] =
      declined && key === "approved"
        ? "failed"
        : i < idx || (i === idx && key === "live") || (at && i <= idx)
          ? "done"
          : i === idx + 1 && !declined
            ? "current"
            : "todo";
    return {
      key,
      label: declined && key === "approved" ? "Declined by underwriting" : label,
      at: (at ?? null)?.toISOString() ?? null,
      state,
    };
  };
  const steps = [
    step("submitted", "Submitted to CoPilot", app.submittedAt),
    step("signature_sent", "Signature requested", app.signatureSentAt),
    step("signed", "Signed by the owner", app.signedAt),
    step("approved", "Approved by underwriting", declined ? app.declinedAt : app.approvedAt),
    step("boarded", "Boarded (MID assigned)", app.boardedAt),
    step("live", "Live", app.liveAt),
  ];
  const hints: string[] = [];
  if (app.status === "signature_sent" && app.signatureSentAt && now.getTime() - app.signatureSentAt.getTime() > 3 * DAY)
    hints.push("Not signed after 3 days: remind the owner or send the signature link again.");
  if (app.status === "approved" && app.approvedAt && now.getTime() - app.approvedAt.getTime() > DAY)
    hints.push("Approved but not boarded yet: check with CoPilot support that gateway boarding is under way.");
  if (app.status === "boarded" && app.boardedAt && now.getTime() - app.boardedAt.getTime() > 2 * DAY)
    hints.push("Boarded but not live after 2 days.");
  if (declined) hints.push("Underwriting declined this application. Contact CoPilot risk for the reason.");
  return {
    id: app.id,
    status: app.status,
    dbaName: app.dbaName,
    copilotMerchantId: app.copilotMerchantId,
    signatureUrl: app.signatureUrl,
    mid: app.mid,
    merchantId: app.merchantId,
    steps,
    hints,
    ownerWelcome,
    ownerEmail: app.ownerEmail,
  };
}
